// The Microsoft 365 emulator (src/dev/m365-emulator) as a process of its own, standing where a tenant
// stands: the production CI test (test/production/artefact.test.ts) points a production build at it
// through the settings a sovereign cloud would use. It prints one JSON line with its endpoints, the
// file holding its CA, the app registrations, and a control address for tests; it stops on SIGTERM.
//
//   tsx scripts/m365-emulator.ts [--hostnames login.m365.test,graph.m365.test,botframework.m365.test]
//                                [--ca-file <path>] [--connector-hostname connector.m365.test]
//
// Control API (plain HTTP on 127.0.0.1, for tests only; never part of the emulated tenant):
//   POST /sso-token {"user": "<id or UPN>"}        → {"token"}  a Teams SSO token for the tab's API
//   POST /channel-token {"serviceUrl": "<url>"}    → {"token"}  what Teams signs an activity to the bot with
//   GET  /events?mailbox=<id or UPN>               → the mailbox's calendar as the emulator holds it
//   GET  /people                                   → the seeded organisation
import { writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { startM365Emulator } from '../src/dev/m365-emulator/index.ts';

const { values } = parseArgs({
  options: {
    hostnames: { type: 'string' },
    'ca-file': { type: 'string' },
    'connector-hostname': { type: 'string' },
  },
});

const hostnameList = values.hostnames?.split(',').map((name) => name.trim());
if (hostnameList && hostnameList.length !== 3)
  throw new Error('--hostnames takes three names: login,graph,botFramework');
const [login, graph, botFramework] = hostnameList ?? [];

const connectorHostname = values['connector-hostname'];
const emulator = await startM365Emulator({
  ...(login && graph && botFramework ? { hostnames: { login, graph, botFramework } } : {}),
  ...(connectorHostname ? { extraTlsNames: [connectorHostname] } : {}),
});
const caFile = path.resolve(values['ca-file'] ?? path.join(tmpdir(), `m365-emulator-ca-${process.pid}.pem`));
writeFileSync(caFile, emulator.caCertPem);

const readJson = async (req: IncomingMessage): Promise<unknown> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as unknown;
};
const answer = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

const control = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://control');
  const route = `${req.method ?? 'GET'} ${url.pathname}`;
  (async () => {
    if (route === 'POST /sso-token') {
      const { user } = z.object({ user: z.string().min(1) }).parse(await readJson(req));
      return answer(res, 200, { token: await emulator.issueSsoToken(user) });
    }
    if (route === 'POST /channel-token') {
      const { serviceUrl } = z.object({ serviceUrl: z.url() }).parse(await readJson(req));
      return answer(res, 200, { token: await emulator.botFramework.issueChannelToken(serviceUrl) });
    }
    if (route === 'GET /events')
      return answer(res, 200, emulator.eventsOf(z.string().min(1).parse(url.searchParams.get('mailbox'))));
    if (route === 'GET /people') return answer(res, 200, emulator.people);
    return answer(res, 404, { error: `no control endpoint ${route}` });
  })().catch((error: unknown) => answer(res, 400, { error: (error as Error).message }));
});
await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));

const training = emulator.people.find((person) => person.userPrincipalName.startsWith('kenshu@'));
process.stdout.write(
  `${JSON.stringify({
    tenantId: emulator.tenantId,
    authorityHost: emulator.authorityHost,
    graphBaseUrl: emulator.graphBaseUrl,
    app: emulator.app,
    bot: {
      clientId: emulator.botFramework.app.clientId,
      clientSecret: emulator.botFramework.app.clientSecret,
      openIdMetadataUrl: emulator.botFramework.openIdMetadataUrl,
      tokenIssuer: emulator.botFramework.tokenIssuer,
    },
    trainingMailbox: training?.userPrincipalName,
    caCertFile: caFile,
    // A certificate a test's Bot Framework connector serves with (its host is among the certificate's names).
    tls: emulator.tls,
    control: `http://127.0.0.1:${(control.address() as AddressInfo).port}`,
  })}\n`,
);

const stop = () => {
  control.close();
  control.closeAllConnections();
  void emulator.close().then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
