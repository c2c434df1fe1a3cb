// Microsoft 365 Agents Playground as a child process, driven over its HTTP API, with the bot's replies
// read from the stream its own web client listens to.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer } from 'node:net';
import path from 'node:path';

export interface PlaygroundMessage {
  /** The message's id in the Playground (what a card action replies to). */
  id: string;
  conversationId: string;
  text: string;
  attachments: Array<{ contentType: string; content: unknown }>;
}

export interface Playground {
  url: string;
  config: {
    tenantId: string;
    currentUser: { id: string; name: string; aadObjectId: string };
    /** The other users of the fake tenant, in order (`user-id-1`, …). */
    users: Array<{ id: string; name: string; aadObjectId: string }>;
    personalChat: { id: string };
    teams: Array<{ id: string; name: string; channels: Array<{ id: string; name: string }> }>;
  };
  messages: PlaygroundMessage[];
  say(conversationId: string, text: string, from?: string): Promise<void>;
  /**
   * A card's Action.Execute, the way the Playground's client sends it (an `adaptiveCard/action` invoke);
   * answers with the bot's invoke response (`{ type, value }`).
   */
  execute(
    message: PlaygroundMessage,
    verb: string,
    data: Record<string, unknown>,
    from?: string,
  ): Promise<{ statusCode?: number; type?: string; value?: unknown }>;
  installInTeam(teamId: string): Promise<void>;
  /**
   * The language of the Teams client from now on (`locale` of the activities and of their clientInfo
   * entity, as Teams sends it); undefined: as the Playground sends it (always en-US). Only with
   * `startPlayground(…, { relay: true })`.
   */
  setClientLocale(locale: string | undefined): void;
  waitForMessage(
    predicate: (message: PlaygroundMessage) => boolean,
    timeoutMs?: number,
  ): Promise<PlaygroundMessage>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/**
 * Between the Playground and the bot: passes every request and answer through, setting the client's
 * language on the way. The Playground always sends `locale: "en-US"`; Teams sends the user's client
 * language, which is what the bot answers in.
 */
async function startLocaleRelay(
  botEndpoint: string,
): Promise<{ url: string; setLocale(locale: string | undefined): void; close(): Promise<void> }> {
  let locale: string | undefined;
  const server: Server = createHttpServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      let body = Buffer.concat(chunks).toString('utf8');
      if (locale && body) {
        const activity = JSON.parse(body) as { locale?: string; entities?: Array<Record<string, unknown>> };
        activity.locale = locale;
        for (const entity of activity.entities ?? [])
          if (entity.type === 'clientInfo') entity.locale = locale;
        body = JSON.stringify(activity);
      }
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (request.headers.authorization) headers.authorization = request.headers.authorization;
      fetch(botEndpoint, { method: request.method ?? 'POST', headers, ...(body ? { body } : {}) })
        .then(async (answer) => {
          response.writeHead(answer.status, {
            'content-type': answer.headers.get('content-type') ?? 'application/json',
          });
          response.end(Buffer.from(await answer.arrayBuffer()));
        })
        .catch((error: unknown) => {
          response.writeHead(502);
          response.end(String(error));
        });
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}/api/messages`,
    setLocale: (next) => (locale = next),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export async function startPlayground(
  botEndpoint: string,
  options: { relay?: boolean } = {},
): Promise<Playground> {
  // The Playground writes its files into its working directory: keep them under test-results.
  mkdirSync(path.resolve('test-results'), { recursive: true });
  const relay = options.relay ? await startLocaleRelay(botEndpoint) : undefined;
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    path.resolve('node_modules/.bin/agentsplayground'),
    ['start', '-e', relay?.url ?? botEndpoint, '-c', 'msteams', '-p', String(port), '--dt'],
    {
      env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none' },
      stdio: ['ignore', 'pipe', 'pipe'],
      cwd: path.resolve('test-results'),
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 30_000;
  for (;;) {
    const up = await fetch(`${url}/_debug/ping`).then(
      (response) => response.ok,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill();
      await relay?.close();
      throw new Error(`Agents Playground did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const { config } = (await (await fetch(`${url}/_internal/v1/config`)).json()) as {
    config: Playground['config'];
  };

  const messages: PlaygroundMessage[] = [];
  const socket = new WebSocket(`ws://127.0.0.1:${port}/_ws_conversation/v1/conversations/stream`);
  socket.onmessage = (event: MessageEvent) => {
    const data = JSON.parse(String(event.data)) as {
      action?: string;
      actionConversationId?: string;
      message?: { messageId?: string; text?: string; attachments?: PlaygroundMessage['attachments'] };
    };
    if (data.action === 'createMessage' && data.message) {
      messages.push({
        id: data.message.messageId ?? '',
        conversationId: data.actionConversationId ?? '',
        text: data.message.text ?? '',
        attachments: data.message.attachments ?? [],
      });
    }
  };
  await new Promise<void>((resolve, reject) => {
    socket.onopen = () => resolve();
    socket.onerror = () => reject(new Error('cannot connect to the Playground stream'));
  });

  const post = async (pathname: string, body?: unknown) => {
    const response = await fetch(`${url}${pathname}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok)
      throw new Error(`Playground ${pathname} answered ${response.status}: ${await response.text()}`);
  };

  return {
    url,
    config,
    messages,
    say: (conversationId, text, from = config.currentUser.id) =>
      post(`/_conversation/v1/conversations/${conversationId}/messages`, {
        from: { id: from },
        text,
        textFormat: 'plain',
      }),
    async execute(message, verb, data, from = config.currentUser.id) {
      const response = await fetch(`${url}/_conversation/v1/invoke`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          name: 'adaptiveCard/action',
          value: { action: { type: 'Action.Execute', verb, data } },
          from: { id: from },
          conversation: { id: message.conversationId },
          replyToId: message.id,
        }),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`Playground invoke answered ${response.status}: ${text}`);
      return text ? (JSON.parse(text) as { statusCode?: number; type?: string; value?: unknown }) : {};
    },
    installInTeam: (teamId) => post(`/_debug/conversation/${teamId}/installation`),
    setClientLocale(locale) {
      if (!relay) throw new Error('start the Playground with { relay: true } to set the client language');
      relay.setLocale(locale);
    },
    async waitForMessage(predicate, timeoutMs = 15_000) {
      const end = Date.now() + timeoutMs;
      for (;;) {
        const found = messages.find(predicate);
        if (found) return found;
        if (Date.now() > end)
          throw new Error(`no matching bot message; got ${JSON.stringify(messages).slice(0, 500)}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async stop() {
      socket.close();
      child.kill('SIGTERM');
      await new Promise((resolve) =>
        child.exitCode !== null ? resolve(undefined) : child.once('exit', resolve),
      );
      await relay?.close();
    },
  };
}
