// How our two Entra identities (the Graph app registration and the bot) prove who they are when they ask
// for a token: a certificate, a managed identity, or (still possible, not the documented default) a client
// secret. Nothing here logs or puts a secret, a key or a token into an error message.
import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { ManagedIdentityApplication, type NodeAuthOptions } from '@azure/msal-node';

/** A certificate credential as msal-node takes it (`clientCertificate`). */
export interface ClientCertificate {
  /** Hex SHA-256 thumbprint of the certificate: the assertion's `x5t#S256` header. */
  thumbprintSha256: string;
  /** PKCS#8 PEM of the private key that signs the assertion. */
  privateKeyPem: string;
  /** The certificate PEM, sent as `x5c` (Entra needs it for subject name/issuer authentication only). */
  x5c: string;
}

/** The Graph app registration's credential (ENTRA_CREDENTIAL). */
export type EntraCredential =
  | { kind: 'certificate'; certificate: ClientCertificate }
  /** The user-assigned managed identity's token, trusted by a federated identity credential on the app. */
  | { kind: 'managed-identity-federation'; managedIdentityClientId: string }
  | { kind: 'secret'; clientSecret: string };

/** The bot's credential (BOT_CREDENTIAL). A UserAssignedMSI bot's app id is the identity's client id. */
export type BotCredential =
  | { kind: 'certificate'; certificate: ClientCertificate }
  | { kind: 'managed-identity' }
  | { kind: 'secret'; clientSecret: string };

/**
 * The audience of a managed identity token that an app registration's federated identity credential
 * accepts as its client assertion in the public cloud (Microsoft Learn, "Configure an application to
 * trust a managed identity").
 */
export const TOKEN_EXCHANGE_AUDIENCE = 'api://AzureADTokenExchange';

/** A managed identity's access token for one resource (App Service's identity endpoint, IMDS on a VM). */
export type ManagedIdentityTokenSource = (resource: string) => Promise<string>;

/**
 * Tokens of a user-assigned managed identity through msal-node's ManagedIdentityApplication, which finds
 * the platform's endpoint itself (IDENTITY_ENDPOINT/IDENTITY_HEADER on App Service) and caches tokens.
 */
export function managedIdentityTokenSource(userAssignedClientId: string): ManagedIdentityTokenSource {
  const application = new ManagedIdentityApplication({ managedIdentityIdParams: { userAssignedClientId } });
  return async (resource) => {
    const result = await application.acquireToken({ resource });
    if (!result?.accessToken) throw new Error('the managed identity returned no token');
    return result.accessToken;
  };
}

export interface CredentialDependencies {
  /** Stands in for the managed identity (tests); the platform's identity endpoint by default. */
  managedIdentityToken?: ManagedIdentityTokenSource | undefined;
}

/** What msal-node's ConfidentialClientApplication needs to authenticate the app registration. */
export function msalCredentialOptions(
  credential: EntraCredential | Exclude<BotCredential, { kind: 'managed-identity' }>,
  dependencies: CredentialDependencies = {},
): Pick<NodeAuthOptions, 'clientSecret' | 'clientCertificate' | 'clientAssertion'> {
  switch (credential.kind) {
    case 'secret':
      return { clientSecret: credential.clientSecret };
    case 'certificate':
      return {
        clientCertificate: {
          thumbprintSha256: credential.certificate.thumbprintSha256,
          privateKey: credential.certificate.privateKeyPem,
          x5c: credential.certificate.x5c,
        },
      };
    case 'managed-identity-federation': {
      const source =
        dependencies.managedIdentityToken ?? managedIdentityTokenSource(credential.managedIdentityClientId);
      // Called for every token request msal cannot answer from its cache; the identity's own token is
      // cached by its source, so this does not reach the identity endpoint each time.
      return { clientAssertion: () => source(TOKEN_EXCHANGE_AUDIENCE) };
    }
  }
}

/**
 * Reads a PEM holding a private key and its certificate (the first certificate is the one registered on
 * the app; a chain may follow). Errors name the problem, never the file's contents.
 */
export function parseClientCertificatePem(pem: string): ClientCertificate {
  const certificates = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  const keyBlock =
    /-----BEGIN (?:RSA |EC |ENCRYPTED )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA |EC |ENCRYPTED )?PRIVATE KEY-----/.exec(
      pem,
    )?.[0];
  if (certificates.length === 0) throw new Error('holds no certificate (-----BEGIN CERTIFICATE-----)');
  if (!keyBlock) throw new Error('holds no private key (-----BEGIN PRIVATE KEY-----)');
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(certificates[0]!);
  } catch {
    throw new Error('holds a certificate that cannot be read');
  }
  let key: KeyObject | undefined;
  try {
    key = createPrivateKey(keyBlock);
  } catch {
    key = undefined;
  }
  if (!key) throw new Error('holds a private key that cannot be read (an encrypted key is not supported)');
  if (!certificate.checkPrivateKey(key)) throw new Error("holds a private key that is not the certificate's");
  const privateKeyPem = key.export({ type: 'pkcs8', format: 'pem' }).toString();
  return {
    thumbprintSha256: certificate.fingerprint256.replace(/:/g, '').toLowerCase(),
    privateKeyPem,
    x5c: certificates[0]!,
  };
}
