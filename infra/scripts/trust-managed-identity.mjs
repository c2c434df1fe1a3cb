// Makes the Entra app registration (Graph) trust the web app's user-assigned managed identity, so that
// the service needs no client secret: ENTRA_CREDENTIAL=managed-identity-federation (docs/deploy.md §13).
// Run by m365agents.yml after arm/deploy, with the ids that earlier actions wrote. Idempotent: Graph's
// upsert by name (PATCH /applications/{id}/federatedIdentityCredentials(name='…'), Microsoft Learn,
// "Upsert federatedIdentityCredential") creates the credential or rewrites it with the same values.
//
// Input, from the environment:
//   AAD_APP_OBJECT_ID              the app registration's object id (aadApp/create)
//   AAD_APP_TENANT_ID              the city's tenant (aadApp/create)
//   AAD_APP_OAUTH_AUTHORITY_HOST   e.g. https://login.microsoftonline.com (aadApp/create)
//   MANAGED_IDENTITY_PRINCIPAL_ID  the identity's object (principal) id (infra/azure.bicep)
//   GRAPH_URL                      optional; https://graph.microsoft.com by default
//   GRAPH_ACCESS_TOKEN             optional; otherwise the Azure CLI's token for Microsoft Graph in that
//                                  tenant (`az login --tenant <tenant>` first, as an Application or Cloud
//                                  Application Administrator or the app's owner)
// Plain JavaScript with no dependencies: it runs before `npm ci`, on whatever Node the city has (≥ 18).
// @ts-check
import { execSync } from 'node:child_process';

const CREDENTIAL_NAME = 'hagukumi-web-app';
// The audience Entra ID expects in a managed identity's token used as a credential (public cloud).
const AUDIENCE = 'api://AzureADTokenExchange';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** @param {string} message @returns {never} */
function fail(message) {
  process.stderr.write(`trust-managed-identity: ${message}\n`);
  process.exit(1);
}

/** @param {string} name @returns {string} */
function guidFrom(name) {
  const value = process.env[name];
  if (value === undefined || !GUID.test(value))
    fail(`${name} must be a GUID (got ${value ? 'another value' : 'nothing'})`);
  return value;
}

/**
 * @param {string} name
 * @param {string | undefined} fallback
 * @returns {string}
 */
function httpsUrlFrom(name, fallback) {
  const value = process.env[name] || fallback;
  let url;
  try {
    url = new URL(value);
  } catch {
    fail(`${name} must be a URL`);
  }
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost';
  if (url.protocol !== 'https:' && !loopback) fail(`${name} must be an https URL`);
  return url.origin;
}

const objectId = guidFrom('AAD_APP_OBJECT_ID');
const tenantId = guidFrom('AAD_APP_TENANT_ID');
const principalId = guidFrom('MANAGED_IDENTITY_PRINCIPAL_ID');
const authorityHost = httpsUrlFrom('AAD_APP_OAUTH_AUTHORITY_HOST', undefined);
const graph = httpsUrlFrom('GRAPH_URL', 'https://graph.microsoft.com');

let token = process.env.GRAPH_ACCESS_TOKEN;
if (!token) {
  try {
    // Through the shell so that Windows finds az.cmd; every argument is a validated GUID or a constant.
    token = execSync(
      `az account get-access-token --resource-type ms-graph --tenant ${tenantId} --query accessToken --output tsv`,
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
    ).trim();
  } catch {
    fail(
      `no Microsoft Graph token from the Azure CLI: run \`az login --tenant ${tenantId}\` and provision again`,
    );
  }
}

const body = {
  name: CREDENTIAL_NAME,
  issuer: `${authorityHost}/${tenantId}/v2.0`,
  subject: principalId,
  audiences: [AUDIENCE],
  description: "Hagukumi's web app: its user-assigned managed identity, used as this app's credential",
};
const url = `${graph}/v1.0/applications/${objectId}/federatedIdentityCredentials(name='${CREDENTIAL_NAME}')`;
let response;
try {
  response = await fetch(url, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(60_000),
  });
} catch (error) {
  fail(`Microsoft Graph did not answer (${error instanceof Error ? error.name : 'error'})`);
}
if (!response.ok) {
  // Graph's error code and message name the cause (e.g. Authorization_RequestDenied); never the token.
  /** @type {unknown} */
  const answer = await response.json().catch(() => undefined);
  const error = typeof answer === 'object' && answer !== null && 'error' in answer ? answer.error : undefined;
  const field = (/** @type {string} */ key) =>
    typeof error === 'object' && error !== null && key in error
      ? String(/** @type {Record<string, unknown>} */ (error)[key])
      : '';
  const detail = error === undefined ? 'no error body' : `${field('code')}: ${field('message')}`;
  fail(`Microsoft Graph refused the federated identity credential (${response.status} ${detail})`);
}
process.stdout.write(
  `trust-managed-identity: app ${objectId} trusts managed identity ${principalId} (credential "${CREDENTIAL_NAME}")\n`,
);
