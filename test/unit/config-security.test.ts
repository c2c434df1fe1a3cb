import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, MICROSOFT_365_CLIENT_APPS } from '../../src/config.ts';

const envDir = mkdtempSync(path.join(tmpdir(), 'hagukumi-config-security-'));
const load = (env: Record<string, string>) => loadConfig({ APP_MODE: 'local', ...env }, { envDir });

describe('security limits in the configuration', () => {
  it('defaults to Microsoft’s Teams, Microsoft 365 and Outlook client ids, two hours of token age and generous rate limits', () => {
    expect(load({}).security).toEqual({
      ssoAllowedClientApps: [...MICROSOFT_365_CLIENT_APPS],
      ssoMaxTokenAgeSeconds: 7200,
      rateLimitWindowSeconds: 60,
      rateLimitNotifyMax: 60,
      rateLimitWriteMax: 300,
    });
    expect(MICROSOFT_365_CLIENT_APPS).toContain('1fec8e78-bce4-4aaf-ab1b-5451cc387264');
    expect(MICROSOFT_365_CLIENT_APPS).toContain('5e3ce6c0-2b1f-4285-8d4b-75ee78787346');
  });

  it('reads a comma-separated list of client ids and the limits', () => {
    const config = load({
      SSO_ALLOWED_CLIENT_APPS:
        ' 5E3CE6C0-2B1F-4285-8D4B-75EE78787346 , 1fec8e78-bce4-4aaf-ab1b-5451cc387264,',
      SSO_MAX_TOKEN_AGE_MINUTES: '90',
      RATE_LIMIT_WINDOW_SECONDS: '600',
      RATE_LIMIT_NOTIFY_MAX: '5',
      RATE_LIMIT_WRITE_MAX: '50',
    });
    expect(config.security).toEqual({
      ssoAllowedClientApps: ['5e3ce6c0-2b1f-4285-8d4b-75ee78787346', '1fec8e78-bce4-4aaf-ab1b-5451cc387264'],
      ssoMaxTokenAgeSeconds: 5400,
      rateLimitWindowSeconds: 600,
      rateLimitNotifyMax: 5,
      rateLimitWriteMax: 50,
    });
  });

  it('refuses a client list that is not GUIDs, and limits out of range', () => {
    expect(() => load({ SSO_ALLOWED_CLIENT_APPS: 'teams' })).toThrow(ConfigError);
    expect(() => load({ SSO_ALLOWED_CLIENT_APPS: ',' })).toThrow(ConfigError);
    expect(() => load({ SSO_MAX_TOKEN_AGE_MINUTES: '0' })).toThrow(ConfigError);
    expect(() => load({ RATE_LIMIT_WRITE_MAX: '0' })).toThrow(ConfigError);
  });
});
