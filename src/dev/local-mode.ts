// Local mode only: starts the Microsoft 365 emulator and describes it in the same terms a real tenant
// is described in production configuration. Loaded by the composition root with a dynamic import, so a
// production process never loads any of src/dev.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Express } from 'express';
import type { LocalConfig, MicrosoftConfig } from '../config.ts';
import { createDevHostRouter } from './dev-host/dev-host.router.ts';
import type { BotIdentities } from '../reports/bot-identities.ts';
import { startM365Emulator, type M365Emulator, type SeedPerson } from './m365-emulator/index.ts';
import { playgroundIdentities } from './playground-identities.ts';

export interface LocalMicrosoft365 {
  emulator: M365Emulator;
  microsoft: MicrosoftConfig;
  caCertPem: string;
  /** Agents Playground's fake users stand in for seeded people (see playground-identities.ts). */
  botIdentities: BotIdentities;
  mountDevHost(app: Express): void;
  close(): Promise<void>;
}

export async function startLocalMicrosoft365(config: LocalConfig): Promise<LocalMicrosoft365> {
  const emulator = await startM365Emulator({
    port: config.emulatorPort,
    stateFile: path.join(config.dataDir, 'm365-emulator', 'state.json'),
    // The load benchmark runs `npm start`'s server against a large synthetic city (test/bench).
    ...(config.emulatorOrganisationFile
      ? { organisation: readOrganisation(config.emulatorOrganisationFile) }
      : {}),
  });
  const training = emulator.people.find((person) => person.userPrincipalName.startsWith('kenshu@'));
  return {
    emulator,
    caCertPem: emulator.caCertPem,
    botIdentities: playgroundIdentities(emulator.people),
    microsoft: {
      tenantId: emulator.tenantId,
      clientId: emulator.app.clientId,
      // The emulator's own, generated per machine (local mode holds no real credential).
      credential: { kind: 'secret', clientSecret: emulator.app.clientSecret },
      authorityHost: emulator.authorityHost,
      appIdUri: emulator.app.appIdUri,
      graphBaseUrl: emulator.graphBaseUrl,
      // Agents Playground sends unauthenticated activities; the bot runs without credentials locally.
      botId: '',
      botCredential: undefined,
      botFramework: {
        openIdMetadataUrl: emulator.botFramework.openIdMetadataUrl,
        tokenIssuer: emulator.botFramework.tokenIssuer,
      },
      trainingMailbox: training?.userPrincipalName,
    },
    mountDevHost(app) {
      // The full seeded directory for `npm run token -- --list` and scripts.
      const staff = emulator.people.filter((person) => !person.isMailbox);
      // The full seeded directory for `npm run token -- --list` and scripts.
      app.get('/dev/api/directory', (_req, res) => {
        res.json(
          staff.map((person) => ({
            id: person.id,
            userPrincipalName: person.userPrincipalName,
            displayName: person.displayName,
            department: person.department,
            division: person.divisionName,
            jobLevel: person.levelId,
            employmentType: person.employeeType === '会計年度任用職員' ? 'fiscalYear' : 'regular',
            managerId: person.managerId,
          })),
        );
      });
      app.use(
        createDevHostRouter({
          tenantId: emulator.tenantId,
          // SeedPerson carries every field the dev host shows (division as divisionName).
          listPeople: () => staff.map((person) => ({ ...person, division: person.divisionName })),
          issueSsoToken: (user: string) => emulator.issueSsoToken(user),
        }),
      );
    },
    close: () => emulator.close(),
  };
}

function readOrganisation(file: string): SeedPerson[] {
  const people = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  if (!Array.isArray(people) || people.length === 0)
    throw new Error(`M365_EMULATOR_ORGANISATION_FILE ${file} must hold a JSON array of people`);
  return people as SeedPerson[];
}
