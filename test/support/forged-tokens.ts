// The tokens an attacker or a misconfigured client might send. Each must be refused with a 401.

export interface TokenSigner {
  /** Signs with the issuer's real key (or, with unknownKey, a key the issuer never published). */
  sign(payload: Record<string, unknown>, options?: { unknownKey?: boolean }): Promise<string>;
}

export interface ValidClaims {
  iss: string;
  aud: string;
  tid: string;
  oid: string;
  scp: string;
  name: string;
  preferred_username: string;
  /** The client app that asked for the token: Teams, as the tab's token always is. */
  azp: string;
}

/** A client app outside Microsoft's Teams / Microsoft 365 / Outlook list (the Azure CLI's id: a script). */
const SOME_OTHER_CLIENT_APP = '04b07795-8ddb-461a-bbee-02f9e1bf7b46';

function base64url(value: string): string {
  return Buffer.from(value).toString('base64url');
}

export async function forgedTokens(
  signer: TokenSigner,
  claims: ValidClaims,
): Promise<Array<[string, string | undefined]>> {
  const now = Math.floor(Date.now() / 1000);
  const base = { ...claims, iat: now - 60, nbf: now - 60, exp: now + 3600, ver: '2.0' };
  const { azp, ...withoutClientApp } = base;
  const good = await signer.sign(base);
  const [header, payload, signature] = good.split('.') as [string, string, string];
  const tamperedPayload = base64url(JSON.stringify({ ...base, oid: '00000000-0000-0000-0000-00000000dead' }));
  return [
    ['no token', undefined],
    ['expired', await signer.sign({ ...base, iat: now - 7200, nbf: now - 7200, exp: now - 3600 })],
    ['not yet valid', await signer.sign({ ...base, nbf: now + 3600, exp: now + 7200 })],
    [
      'wrong audience',
      await signer.sign({ ...base, aud: 'api://someone-else/00000000-0000-0000-0000-000000000001' }),
    ],
    ['wrong tenant', await signer.sign({ ...base, tid: '99999999-9999-9999-9999-999999999999' })],
    ['wrong issuer', await signer.sign({ ...base, iss: 'https://login.example.org/evil/v2.0' })],
    ['wrong scope', await signer.sign({ ...base, scp: 'User.Read' })],
    ['another client app (azp)', await signer.sign({ ...base, azp: SOME_OTHER_CLIENT_APP })],
    // A v2 token is read by azp only: an appid of Teams beside no azp does not stand in for it.
    ['no client app (azp missing)', await signer.sign({ ...withoutClientApp, appid: azp })],
    [
      'v1 token of another client app (appid)',
      await signer.sign({ ...withoutClientApp, ver: '1.0', appid: SOME_OTHER_CLIENT_APP }),
    ],
    ['v1 token without appid', await signer.sign({ ...withoutClientApp, ver: '1.0', azp })],
    [
      'issued too long ago (iat)',
      await signer.sign({ ...base, iat: now - 6 * 3600, nbf: now - 6 * 3600, exp: now + 3600 }),
    ],
    ['issued in the future (iat)', await signer.sign({ ...base, iat: now + 3600, nbf: now - 60 })],
    ['unknown key', await signer.sign(base, { unknownKey: true })],
    ['alg none', `${base64url(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${payload}.`],
    ['tampered payload', `${header}.${tamperedPayload}.${signature}`],
    ['not a JWT', 'definitely-not-a-token'],
  ];
}
