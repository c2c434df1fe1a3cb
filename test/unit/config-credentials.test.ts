// Production's credential per identity (ENTRA_CREDENTIAL, BOT_CREDENTIAL): exactly one, complete, and
// no secret or key in any problem it reports.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generate } from 'selfsigned';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, type ProductionConfig } from '../../src/config.ts';

const emptyEnvDir = mkdtempSync(path.join(tmpdir(), 'hagukumi-env-'));
const certificateDir = mkdtempSync(path.join(tmpdir(), 'hagukumi-cert-'));
const IDENTITY = '0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b';

const base = {
  APP_MODE: 'production',
  DATABASE_URL: 'postgres://app:secret@db.example.org:5432/hagukumi',
  PUBLIC_URL: 'https://hagukumi.city.example.lg.jp',
  ENTRA_TENANT_ID: '11111111-2222-3333-4444-555555555555',
  ENTRA_CLIENT_ID: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
  BOT_ID: 'bbbbbbbb-bbbb-cccc-dddd-eeeeeeeeeeee',
  TRAINING_MAILBOX: 'kenshu@city.example.lg.jp',
};

let certificateFile: string;
let privateKeyPem: string;
let certificatePem: string;

beforeAll(async () => {
  const generated = await generate([{ name: 'commonName', value: 'hagukumi' }], { keySize: 2048 });
  privateKeyPem = generated.private;
  certificatePem = generated.cert;
  certificateFile = path.join(certificateDir, 'hagukumi.pem');
  writeFileSync(certificateFile, `${privateKeyPem}\n${certificatePem}`);
});

const production = (env: Record<string, string>) =>
  loadConfig({ ...base, ...env }, { envDir: emptyEnvDir }) as ProductionConfig;

function problemsOf(env: Record<string, string>): string[] {
  try {
    production(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('the Graph app credential (ENTRA_CREDENTIAL)', () => {
  it('reads a certificate file: SHA-256 thumbprint, key and certificate, no secret needed', () => {
    const config = production({
      ENTRA_CREDENTIAL: 'certificate',
      ENTRA_CLIENT_CERTIFICATE_FILE: certificateFile,
      BOT_CREDENTIAL: 'managed-identity',
    });
    const credential = config.microsoft.credential;
    if (credential.kind !== 'certificate') throw new Error(`got ${credential.kind}`);
    expect(credential.certificate.thumbprintSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(credential.certificate.x5c).toBe(certificatePem.trim());
    expect(credential.certificate.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
  });

  it('takes the managed identity through a federated credential by its client id', () => {
    const config = production({
      ENTRA_CREDENTIAL: 'managed-identity-federation',
      ENTRA_MANAGED_IDENTITY_CLIENT_ID: IDENTITY,
      BOT_CREDENTIAL: 'managed-identity',
    });
    expect(config.microsoft.credential).toEqual({
      kind: 'managed-identity-federation',
      managedIdentityClientId: IDENTITY,
    });
    expect(config.microsoft.botCredential).toEqual({ kind: 'managed-identity' });
  });

  it('still takes a client secret, named or as the only credential set (deployments before the setting)', () => {
    expect(
      production({ ENTRA_CREDENTIAL: 'secret', ENTRA_CLIENT_SECRET: 'not-a-real-secret', BOT_PASSWORD: 'x' })
        .microsoft.credential,
    ).toEqual({ kind: 'secret', clientSecret: 'not-a-real-secret' });
    expect(
      production({ ENTRA_CLIENT_SECRET: 'not-a-real-secret', BOT_PASSWORD: 'x' }).microsoft.credential.kind,
    ).toBe('secret');
    expect(
      production({ ENTRA_CLIENT_CERTIFICATE_FILE: certificateFile, BOT_PASSWORD: 'x' }).microsoft.credential
        .kind,
    ).toBe('certificate');
  });

  it('refuses a half-configured credential, naming what is missing', () => {
    expect(problemsOf({ ENTRA_CREDENTIAL: 'certificate', BOT_PASSWORD: 'x' })).toEqual([
      'ENTRA_CLIENT_CERTIFICATE_FILE is required when ENTRA_CREDENTIAL=certificate',
    ]);
    expect(problemsOf({ ENTRA_CREDENTIAL: 'managed-identity-federation', BOT_PASSWORD: 'x' })).toEqual([
      'ENTRA_MANAGED_IDENTITY_CLIENT_ID is required when ENTRA_CREDENTIAL=managed-identity-federation',
    ]);
    expect(problemsOf({ ENTRA_CREDENTIAL: 'secret', BOT_PASSWORD: 'x' })).toEqual([
      'ENTRA_CLIENT_SECRET is required when ENTRA_CREDENTIAL=secret',
    ]);
    expect(
      problemsOf({
        ENTRA_CREDENTIAL: 'managed-identity-federation',
        ENTRA_MANAGED_IDENTITY_CLIENT_ID: 'not-a-guid',
        BOT_PASSWORD: 'x',
      }),
    ).toEqual(["ENTRA_MANAGED_IDENTITY_CLIENT_ID must be a GUID (the identity's client id)"]);
  });

  it('refuses two credentials for one identity, and none', () => {
    expect(
      problemsOf({
        ENTRA_CREDENTIAL: 'certificate',
        ENTRA_CLIENT_CERTIFICATE_FILE: certificateFile,
        ENTRA_CLIENT_SECRET: 'not-a-real-secret',
        BOT_PASSWORD: 'x',
      }),
    ).toEqual([
      'ENTRA_CLIENT_SECRET is set but ENTRA_CREDENTIAL=certificate: one credential per identity; unset it',
    ]);
    expect(
      problemsOf({
        ENTRA_CLIENT_CERTIFICATE_FILE: certificateFile,
        ENTRA_CLIENT_SECRET: 'not-a-real-secret',
        BOT_PASSWORD: 'x',
      })[0],
    ).toMatch(/^ENTRA_CLIENT_CERTIFICATE_FILE and ENTRA_CLIENT_SECRET are both set: set ENTRA_CREDENTIAL/);
    expect(problemsOf({ BOT_PASSWORD: 'x' })[0]).toMatch(
      /^ENTRA_CREDENTIAL is required in production mode: one of certificate \(ENTRA_CLIENT_CERTIFICATE_FILE\), managed-identity-federation/,
    );
  });

  it('refuses an unreadable or incomplete certificate file without quoting it', () => {
    const keyOnly = path.join(certificateDir, 'key-only.pem');
    writeFileSync(keyOnly, privateKeyPem);
    const certOnly = path.join(certificateDir, 'cert-only.pem');
    writeFileSync(certOnly, certificatePem);
    const problems = [
      ...problemsOf({
        ENTRA_CLIENT_CERTIFICATE_FILE: path.join(certificateDir, 'absent.pem'),
        BOT_PASSWORD: 'x',
      }),
      ...problemsOf({ ENTRA_CLIENT_CERTIFICATE_FILE: keyOnly, BOT_PASSWORD: 'x' }),
      ...problemsOf({ ENTRA_CLIENT_CERTIFICATE_FILE: certOnly, BOT_PASSWORD: 'x' }),
    ];
    expect(problems).toEqual([
      `ENTRA_CLIENT_CERTIFICATE_FILE: ${path.join(certificateDir, 'absent.pem')} cannot be read (ENOENT)`,
      `ENTRA_CLIENT_CERTIFICATE_FILE: ${keyOnly} holds no certificate (-----BEGIN CERTIFICATE-----)`,
      `ENTRA_CLIENT_CERTIFICATE_FILE: ${certOnly} holds no private key (-----BEGIN PRIVATE KEY-----)`,
    ]);
  });

  it("refuses a key that is not the certificate's", async () => {
    const other = await generate([{ name: 'commonName', value: 'other' }], { keySize: 2048 });
    const mixed = path.join(certificateDir, 'mixed.pem');
    writeFileSync(mixed, `${other.private}\n${certificatePem}`);
    const problems = problemsOf({ ENTRA_CLIENT_CERTIFICATE_FILE: mixed, BOT_PASSWORD: 'x' });
    expect(problems).toEqual([
      `ENTRA_CLIENT_CERTIFICATE_FILE: ${mixed} holds a private key that is not the certificate's`,
    ]);
    expect(problems.join('\n')).not.toContain('PRIVATE KEY-----\n');
  });
});

describe('the bot credential (BOT_CREDENTIAL)', () => {
  const graph = { ENTRA_CLIENT_SECRET: 'not-a-real-secret' };

  it('takes a certificate, the managed identity (BOT_ID is its client id) or a secret', () => {
    const certificate = production({ ...graph, BOT_CLIENT_CERTIFICATE_FILE: certificateFile }).microsoft
      .botCredential;
    expect(certificate?.kind).toBe('certificate');
    expect(production({ ...graph, BOT_CREDENTIAL: 'managed-identity' }).microsoft.botCredential).toEqual({
      kind: 'managed-identity',
    });
    expect(production({ ...graph, BOT_PASSWORD: 'not-a-real-password' }).microsoft.botCredential).toEqual({
      kind: 'secret',
      clientSecret: 'not-a-real-password',
    });
  });

  it('refuses a half-configured or doubled bot credential, and none', () => {
    expect(problemsOf({ ...graph, BOT_CREDENTIAL: 'certificate' })).toEqual([
      'BOT_CLIENT_CERTIFICATE_FILE is required when BOT_CREDENTIAL=certificate',
    ]);
    expect(problemsOf({ ...graph, BOT_CREDENTIAL: 'managed-identity', BOT_PASSWORD: 'x' })).toEqual([
      'BOT_PASSWORD is set but BOT_CREDENTIAL=managed-identity: one credential per identity; unset it',
    ]);
    expect(problemsOf(graph)[0]).toMatch(
      /^BOT_CREDENTIAL is required in production mode: one of certificate/,
    );
  });

  it('refuses a credential kind that does not exist, naming the variable', () => {
    expect(problemsOf({ ...graph, BOT_CREDENTIAL: 'password' })[0]).toMatch(/^BOT_CREDENTIAL:/);
  });
});

describe('local mode', () => {
  it('refuses every credential setting: local mode holds none', () => {
    for (const name of [
      'ENTRA_CREDENTIAL',
      'ENTRA_CLIENT_CERTIFICATE_FILE',
      'ENTRA_MANAGED_IDENTITY_CLIENT_ID',
      'BOT_CREDENTIAL',
      'BOT_CLIENT_CERTIFICATE_FILE',
    ]) {
      const value = name.endsWith('_CREDENTIAL') ? 'secret' : 'x';
      expect(() => loadConfig({ [name]: value }, { envDir: emptyEnvDir, mode: 'local' }), name).toThrow(
        new RegExp(`${name} is a production setting`),
      );
    }
  });
});
