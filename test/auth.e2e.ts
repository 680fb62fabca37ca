import assert from 'node:assert/strict';
import { exportJWK, exportSPKI, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import { after, before, describe, it } from 'node:test';
import { Scope } from '../src/auth/principal.js';
import { expectProblem } from './support/http.js';
import { SERVICE_TOKEN, startTestApp, type TestApp } from './support/app.js';
import { TEST_AUDIENCE, TestIdentityProvider } from './support/identity-provider.js';
import { ProbeModule } from './support/probe.module.js';

const TENANT = '1a855cf0-d29b-4fb2-a238-abd2c0d03856';
const SECOND_SERVICE_TOKEN = 'rotated-service-token-9876543210';

function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}


describe('authentication and authorization', () => {
  let idp: TestIdentityProvider;
  let api: TestApp;

  before(async () => {
    idp = await TestIdentityProvider.start();
    api = await startTestApp(
      {
        AUTH_JWKS_URL: idp.jwksUrl,
        AUTH_ISSUER: idp.issuer,
        AUTH_AUDIENCE: TEST_AUDIENCE,
        AUTH_TENANTS_CLAIM: 'https://vertex/tenants',
        AVALARA_TO_EXTRACTOR_TOKEN: `${SERVICE_TOKEN},${SECOND_SERVICE_TOKEN}`,
        RATE_LIMIT_AUTH_FAILURES: '1000', // this file sends many bad tokens on purpose
      },
      { extraModules: [ProbeModule], configure: (config) => config.withAuth({ jwksCooldownMs: 5000 }) },
    );
  });

  after(async () => {
    await api?.close();
    await idp?.stop();
  });

  it('serves health without a token', async () => {
    for (const path of ['/health', '/health/live', '/health/ready']) {
      const response = await api.request(path);
      assert.equal(response.status, 200, path);
      assert.equal(((await response.json()) as { status: string }).status, 'ok');
    }
  });

  it('answers 401 problem+json with a Bearer challenge when no token is sent', async () => {
    const response = await api.request('/me');
    const problem = await expectProblem(response, 401);
    assert.equal(problem.code, 'AUTH.MISSING_TOKEN');
    assert.match(response.headers.get('www-authenticate') ?? '', /^Bearer/);
  });

  it('refuses a token sent in the query string', async () => {
    await expectProblem(await api.request(`/me?access_token=${SERVICE_TOKEN}`), 401);
  });

  it('accepts every configured static service token as a service principal', async () => {
    for (const token of [SERVICE_TOKEN, SECOND_SERVICE_TOKEN]) {
      const response = await api.request('/me', { token });
      assert.equal(response.status, 200);
      const me = (await response.json()) as { kind: string; tenants: unknown; scopes: string[] };
      assert.equal(me.kind, 'service');
      assert.equal(me.tenants, 'all');
      assert.deepEqual(me.scopes, Object.values(Scope).sort());
    }
  });

  it('accepts a JWT from the identity provider and reads subject, scopes and tenants', async () => {
    const token = await idp.token({
      sub: 'admin@companyxyz.com',
      claims: { scope: `${Scope.TenantConfigRead} ${Scope.TenantConfigWrite}`, 'https://vertex/tenants': [TENANT] },
    });
    const response = await api.request('/me', { token });
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), {
      subject: 'admin@companyxyz.com',
      kind: 'jwt',
      scopes: [Scope.TenantConfigRead, Scope.TenantConfigWrite],
      tenants: [TENANT],
    });
  });

  it('reads scopes from an scp array', async () => {
    const token = await idp.token({ claims: { scp: [Scope.ConnectionRead] } });
    const me = (await (await api.request('/me', { token })).json()) as { scopes: string[] };
    assert.deepEqual(me.scopes, [Scope.ConnectionRead]);
  });

  const invalidTokens: Array<[string, () => Promise<string>, RegExp]> = [
    ['garbage', async () => 'not-a-token', /neither a JWT nor a known service token/],
    ['a wrong static token', async () => 'wrong-service-token-0123456789', /neither a JWT/],
    ['an expired JWT', () => idp.token({ expiresIn: -300 }), /expired/],
    ['a JWT that is not valid yet', () => idp.token({ claims: { nbf: Math.floor(Date.now() / 1000) + 600 } }), /not valid yet/],
    ['a JWT for another audience', () => idp.token({ audience: 'another-api' }), /audience/],
    ['a JWT from another issuer', () => idp.token({ claims: { iss: 'https://evil.example.com/' } }), /issuer/],
    ['a JWT without subject', () => idp.token({ claims: { sub: undefined } }), /subject/],
    [
      'an unsigned JWT (alg: none)',
      async () => `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({ sub: 'x', iss: idp.issuer, aud: TEST_AUDIENCE, exp: Math.floor(Date.now() / 1000) + 600, scope: Scope.SyncWrite })}.`,
      /algorithm/,
    ],
    [
      'a JWT whose payload was tampered with',
      async () => {
        const [header, payload, signature] = (await idp.token({ claims: { scope: Scope.ConnectionRead } })).split('.');
        const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
        return `${header}.${b64url({ ...claims, scope: Scope.SyncWrite })}.${signature}`;
      },
      /signature/,
    ],
    [
      'an HMAC-signed JWT',
      () =>
        new SignJWT({ scope: Scope.SyncWrite })
          .setProtectedHeader({ alg: 'HS256', kid: 'key-1' })
          .setSubject('attacker')
          .setIssuer(idp.issuer)
          .setAudience(TEST_AUDIENCE)
          .setExpirationTime('10m')
          .sign(new TextEncoder().encode('a-shared-secret-of-at-least-32-bytes!!')),
      /algorithm/,
    ],
    [
      'a JWT signed by a key the identity provider never published',
      async () => {
        const { privateKey } = await generateKeyPair('RS256');
        return new SignJWT({})
          .setProtectedHeader({ alg: 'RS256', kid: 'key-1' })
          .setSubject('attacker')
          .setIssuer(idp.issuer)
          .setAudience(TEST_AUDIENCE)
          .setExpirationTime('10m')
          .sign(privateKey);
      },
      /signature/,
    ],
    [
      'an HS256 JWT whose secret is the identity provider\'s public key (key confusion)',
      async () => {
        const { keys } = (await (await fetch(idp.jwksUrl)).json()) as { keys: JWK[] };
        const pem = await exportSPKI((await importJWK(keys[0], 'RS256')) as Parameters<typeof exportSPKI>[0]);
        return new SignJWT({ scope: Scope.SyncWrite })
          .setProtectedHeader({ alg: 'HS256', kid: 'key-1' })
          .setSubject('attacker').setIssuer(idp.issuer).setAudience(TEST_AUDIENCE).setExpirationTime('10m')
          .sign(new TextEncoder().encode(pem));
      },
      /algorithm/,
    ],
    ...(['../../../../etc/passwd', "key-1' OR '1'='1", 'key-1\u0000', 'x'.repeat(5000)].map((kid) => [
      `a JWT with an injected kid (${JSON.stringify(kid.slice(0, 24))})`,
      async () => {
        const { privateKey } = await generateKeyPair('RS256');
        return new SignJWT({}).setProtectedHeader({ alg: 'RS256', kid }).setSubject('attacker').setIssuer(idp.issuer).setAudience(TEST_AUDIENCE).setExpirationTime('10m').sign(privateKey);
      },
      /unknown key|malformed|signature/,
    ]) as Array<[string, () => Promise<string>, RegExp]>),
    [
      'a JWT carrying its own key (jwk and jku headers)',
      async () => {
        const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
        return new SignJWT({})
          .setProtectedHeader({ alg: 'RS256', kid: 'key-1', jwk: await exportJWK(publicKey), jku: 'http://127.0.0.1:1/evil-jwks' })
          .setSubject('attacker').setIssuer(idp.issuer).setAudience(TEST_AUDIENCE).setExpirationTime('10m')
          .sign(privateKey);
      },
      /signature|malformed|unknown key/,
    ],
    ['the service token with its last byte changed', async () => `${SERVICE_TOKEN.slice(0, -1)}${SERVICE_TOKEN.endsWith('f') ? 'e' : 'f'}`, /neither a JWT nor a known service token/],
    ['the service token with its first byte changed', async () => `X${SERVICE_TOKEN.slice(1)}`, /neither a JWT nor a known service token/],
    ['the service token with a byte added', async () => `${SERVICE_TOKEN}0`, /neither a JWT nor a known service token/],
  ];
  for (const [name, makeToken, reason] of invalidTokens) {
    it(`answers 401 problem for ${name}`, async () => {
      const problem = await expectProblem(await api.request('/me', { token: await makeToken() }), 401);
      assert.equal(problem.code, 'AUTH.INVALID_TOKEN');
      assert.match(String(problem.detail), reason);
    });
  }

  it('answers 403 problem naming the missing scope, and lets the scope through', async () => {
    const reader = await idp.token({ sub: 'reader@companyxyz.com', claims: { scope: Scope.ConnectionRead } });
    const denied = await api.request('/probe/echo', { method: 'POST', token: reader, json: { name: 'x', count: 1 } });
    const problem = await expectProblem(denied, 403);
    assert.equal(problem.code, 'AUTH.MISSING_SCOPE');
    assert.match(String(problem.detail), /ExtractorApi:Sync:Write/);
    assert.equal(problem.encounteredBy, 'reader@companyxyz.com');
    assert.equal(problem.ecnounteredBy, 'reader@companyxyz.com');

    const writer = await idp.token({ claims: { scope: Scope.SyncWrite } });
    const allowed = await api.request('/probe/echo', { method: 'POST', token: writer, json: { name: 'x', count: 1 } });
    assert.equal(allowed.status, 201);
    assert.deepEqual(await allowed.json(), { name: 'x', count: 1 });
  });

  it('picks up a key the identity provider added later, refetching the key set at most once per cooldown', async () => {
    const cooldown = () => new Promise((resolve) => setTimeout(resolve, 5100)); // the test cooldown is 5 s (2 s was too short on a loaded machine: key-3 arrived after it)
    await cooldown(); // whatever earlier tests fetched, a refetch is allowed now
    await idp.rotateKey('key-2');
    assert.equal((await api.request('/me', { token: await idp.token({ kid: 'key-2' }) })).status, 200, 'unknown kid: key set refetched');

    await idp.rotateKey('key-3');
    const signedWithNewerKey = await idp.token({ kid: 'key-3' });
    // Within the cooldown an unknown kid does not trigger a fetch: forged kids cannot hammer the IdP.
    const tooSoon = await expectProblem(await api.request('/me', { token: signedWithNewerKey }), 401);
    assert.match(String(tooSoon.detail), /unknown key/);
    await cooldown();
    assert.equal((await api.request('/me', { token: signedWithNewerKey })).status, 200);
  });

});

describe('authentication without an identity provider', () => {
  let idp: TestIdentityProvider;
  let api: TestApp;

  before(async () => {
    idp = await TestIdentityProvider.start();
    api = await startTestApp({ AUTH_JWKS_URL: undefined });
  });

  after(async () => {
    await api?.close();
    await idp?.stop();
  });

  it('refuses JWTs when AUTH_JWKS_URL is not set, and still accepts the service token', async () => {
    const problem = await expectProblem(await api.request('/me', { token: await idp.token() }), 401);
    assert.match(String(problem.detail), /AUTH_JWKS_URL is not set/);
    assert.equal((await api.request('/me', { token: SERVICE_TOKEN })).status, 200);
  });
});
