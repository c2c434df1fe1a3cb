// The app's Microsoft settings pointed at the Microsoft 365 emulator, the way local mode points it there:
// one place for tests and benches instead of a copy of the block in each file.
import type { MicrosoftConfig } from '../../src/config.ts';
import type { M365Emulator } from '../../src/dev/m365-emulator/index.ts';
import type { EntraSettings } from '../../src/graph/token-providers.ts';

/** The app registration's client credentials (its secret) against the emulator's Entra ID, trusting its CA. */
export function emulatorEntraSettings(emulator: M365Emulator): EntraSettings & { caCertPem: string } {
  return {
    tenantId: emulator.tenantId,
    clientId: emulator.app.clientId,
    credential: { kind: 'secret', clientSecret: emulator.app.clientSecret },
    authorityHost: emulator.authorityHost,
    caCertPem: emulator.caCertPem,
  };
}

/** The app's `microsoft` configuration against the emulator: no bot credential, no training mailbox. */
export function emulatorMicrosoftSettings(emulator: M365Emulator): MicrosoftConfig {
  return {
    tenantId: emulator.tenantId,
    clientId: emulator.app.clientId,
    credential: { kind: 'secret', clientSecret: emulator.app.clientSecret },
    authorityHost: emulator.authorityHost,
    appIdUri: emulator.app.appIdUri,
    graphBaseUrl: emulator.graphBaseUrl,
    botId: '',
    botCredential: undefined,
    trainingMailbox: undefined,
  };
}
