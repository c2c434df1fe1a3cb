// The emulator's own trust material: a test CA, a TLS certificate for 127.0.0.1/localhost (and any host
// names it answers as) signed by it, and an RS256 key for tokens. Kept in the state folder so restarts keep trusting the same keys.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import forge from 'node-forge';

export interface EmulatorKeys {
  caCertPem: string;
  serverCertPem: string;
  serverKeyPem: string;
  signingKeyPem: string;
  signingKid: string;
}

function rsaKeyPair(): {
  privatePem: string;
  forgePrivate: forge.pki.rsa.PrivateKey;
  forgePublic: forge.pki.rsa.PublicKey;
} {
  // node:crypto generates the key natively (fast); forge only builds and signs the certificates.
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privatePem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const forgePrivate = forge.pki.privateKeyFromPem(privatePem);
  const forgePublic = forge.pki.setRsaPublicKey(forgePrivate.n, forgePrivate.e);
  return { privatePem, forgePrivate, forgePublic };
}

type CertificateAttributes = forge.pki.CertificateField[];
const DAY_MS = 24 * 3600 * 1000;

/** A certificate of `subject` for `publicKey`, valid from a day ago for `years`, signed by `issuer`'s key. */
function signedCertificate(options: {
  publicKey: forge.pki.rsa.PublicKey;
  serialPrefix: string;
  years: number;
  subject: CertificateAttributes;
  issuer: { name: CertificateAttributes; key: forge.pki.rsa.PrivateKey };
  extensions: object[];
}): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = options.publicKey;
  cert.serialNumber = `${options.serialPrefix}${randomBytes(8).toString('hex')}`;
  cert.validity.notBefore = new Date(Date.now() - DAY_MS);
  cert.validity.notAfter = new Date(Date.now() + options.years * 365 * DAY_MS);
  cert.setSubject(options.subject);
  cert.setIssuer(options.issuer.name);
  cert.setExtensions(options.extensions);
  cert.sign(options.issuer.key, forge.md.sha256.create());
  return cert;
}

function generateKeys(dnsNames: string[]): EmulatorKeys {
  const ca = rsaKeyPair();
  const caName = [{ name: 'commonName', value: 'Hagukumi local Microsoft 365 emulator CA (testing only)' }];
  const caIssuer = { name: caName, key: ca.forgePrivate };
  const caCert = signedCertificate({
    publicKey: ca.forgePublic,
    serialPrefix: '01',
    years: 5,
    subject: caName,
    issuer: caIssuer,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    ],
  });

  const server = rsaKeyPair();
  const serverCert = signedCertificate({
    publicKey: server.forgePublic,
    serialPrefix: '02',
    years: 2,
    subject: [{ name: 'commonName', value: 'localhost' }],
    issuer: caIssuer,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
          ...dnsNames.map((value) => ({ type: 2, value })),
        ],
      },
    ],
  });

  const signing = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    caCertPem: forge.pki.certificateToPem(caCert),
    serverCertPem: forge.pki.certificateToPem(serverCert),
    serverKeyPem: server.privatePem,
    signingKeyPem: signing.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    signingKid: randomBytes(12).toString('base64url'),
  };
}

/** `dnsNames`: extra host names the TLS certificate covers (only for keys made now, not loaded ones). */
export function loadOrCreateKeys(stateDir: string | undefined, dnsNames: string[] = []): EmulatorKeys {
  if (!stateDir) return generateKeys(dnsNames);
  const file = path.join(stateDir, 'keys.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as EmulatorKeys;
  mkdirSync(stateDir, { recursive: true });
  const keys = generateKeys(dnsNames);
  writeFileSync(`${file}.tmp`, JSON.stringify(keys), { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
  return keys;
}
