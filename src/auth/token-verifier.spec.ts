import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, describe, it, mock } from 'node:test';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { TEST_AUDIENCE, TestIdentityProvider } from '../../test/support/identity-provider.js';
import { loadConfig } from '../config/app-config.js';
import { TokenVerifier, UnauthorizedError } from './token-verifier.js';

describe('TokenVerifier cache of verified JWTs', () => {
  let idp: TestIdentityProvider;
  let verifier: TokenVerifier;

  before(async () => {
    idp = await TestIdentityProvider.start();
    verifier = new TokenVerifier(
      loadConfig({
        NODE_ENV: 'test',
        AUTH_JWKS_URL: idp.jwksUrl,
        AUTH_ISSUER: idp.issuer,
        AUTH_AUDIENCE: TEST_AUDIENCE,
        AVALARA_TO_EXTRACTOR_TOKEN: 'x'.repeat(20),
        ENCRYPTION_KEYS: `k:${Buffer.alloc(32).toString('base64')}`,
      }),
    );
  });
  after(() => idp?.stop());

  it('never accepts a token past its expiry, even after it was cached', async () => {
    const token = await idp.token({ sub: 'cached@companyxyz.com', expiresIn: 90 });
    mock.timers.enable({ apis: ['Date'], now: Date.now() });
    try {
      assert.equal((await verifier.verify(token)).subject, 'cached@companyxyz.com');
      mock.timers.tick(45_000);
      assert.equal((await verifier.verify(token)).subject, 'cached@companyxyz.com', 'still valid: served again');
      mock.timers.tick(90_000); // 135 s after issue: past exp and past the 30 s clock tolerance
      await assert.rejects(verifier.verify(token), (error: unknown) => error instanceof UnauthorizedError && /expired/.test(error.message));
    } finally {
      mock.timers.reset();
    }
  });

  it('does not let a tampered copy of a cached token through', async () => {
    const token = await idp.token({ sub: 'original@companyxyz.com', scopes: ['a'] });
    await verifier.verify(token);
    const [header, , signature] = token.split('.');
    const forged = `${header}.${Buffer.from(JSON.stringify({ sub: 'admin', scope: 'all' })).toString('base64url')}.${signature}`;
    await assert.rejects(verifier.verify(forged), UnauthorizedError);
  });
});

/** A JWKS endpoint on 127.0.0.1 whose key set the test changes (an identity provider withdrawing a key). */
async function startJwksServer(): Promise<{ url: string; keys: Map<string, JWK>; fetches: () => number; stop: () => Promise<void> }> {
  const keys = new Map<string, JWK>();
  let fetches = 0;
  const server = createServer((_request, response) => {
    fetches += 1;
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ keys: [...keys.values()] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}/jwks`,
    keys,
    fetches: () => fetches,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('TokenVerifier strictness', () => {
  const ISSUER = 'https://idp.example.test';
  let jwks: Awaited<ReturnType<typeof startJwksServer>>;
  let verifier: TokenVerifier;
  let signingKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

  before(async () => {
    jwks = await startJwksServer();
    const pair = await generateKeyPair('ES256');
    signingKey = pair.privateKey;
    jwks.keys.set('k1', { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' });
    verifier = new TokenVerifier(
      loadConfig({
        NODE_ENV: 'test',
        AUTH_JWKS_URL: jwks.url,
        AUTH_ISSUER: ISSUER,
        AUTH_AUDIENCE: TEST_AUDIENCE,
        AVALARA_TO_EXTRACTOR_TOKEN: 'x'.repeat(20),
        ENCRYPTION_KEYS: `k:${Buffer.alloc(32).toString('base64')}`,
      }),
    );
  });
  after(() => jwks?.stop());

  function sign(sub: string, expiresIn: string | null): Promise<string> {
    const jwt = new SignJWT({}).setProtectedHeader({ alg: 'ES256', kid: 'k1' }).setSubject(sub).setIssuer(ISSUER).setAudience(TEST_AUDIENCE).setIssuedAt();
    return (expiresIn ? jwt.setExpirationTime(expiresIn) : jwt).sign(signingKey);
  }

  it('refuses a correctly signed token without exp', async () => {
    assert.equal((await verifier.verify(await sign('with-exp', '1h'))).subject, 'with-exp');
    await assert.rejects(verifier.verify(await sign('no-exp', null)), (error: unknown) => error instanceof UnauthorizedError && /no valid expiry/.test(error.message));
  });

  it('stops accepting tokens of a key withdrawn from the JWKS within 60 s', async () => {
    mock.timers.enable({ apis: ['Date'], now: Date.now() });
    try {
      const early = await sign('early', '2h');
      assert.equal((await verifier.verify(early)).subject, 'early'); // the key set is fetched (or fresh) now
      const fetchesBefore = jwks.fetches();
      jwks.keys.delete('k1');
      mock.timers.tick(29_000);
      // Before the key set goes stale: a new token of the withdrawn key still passes, and is remembered.
      const late = await sign('late', '2h');
      assert.equal((await verifier.verify(late)).subject, 'late');
      assert.equal(jwks.fetches(), fetchesBefore, 'served from the cached key set');
      mock.timers.tick(31_001); // 60 s after the withdrawal
      for (const token of [early, late]) {
        await assert.rejects(verifier.verify(token), (error: unknown) => error instanceof UnauthorizedError && /unknown key/.test(error.message));
      }
    } finally {
      mock.timers.reset();
    }
  });
});

describe('static service token comparison', () => {
  // A long token makes any early exit of a comparison visible: a naive `===` stops at the first
  // differing byte, so a guess right in its first half takes measurably longer than one wrong at byte 0.
  const TOKEN = 's'.repeat(256 * 1024);
  const verifier = new TokenVerifier(
    loadConfig({ NODE_ENV: 'test', AVALARA_TO_EXTRACTOR_TOKEN: TOKEN, ENCRYPTION_KEYS: `k:${Buffer.alloc(32).toString('base64')}` }),
  );
  const isStatic = (candidate: string) => (verifier as unknown as { isStaticToken(t: string): boolean }).isStaticToken(candidate);
  const candidates = {
    firstByteWrong: `x${TOKEN.slice(1)}`,
    lastByteWrong: `${TOKEN.slice(0, -1)}x`,
    exact: TOKEN,
  };

  /** Median time per call of each comparator over interleaved rounds (interleaving cancels drift and load). */
  function medians(compare: (candidate: string) => boolean): Record<keyof typeof candidates, number> {
    const samples: Record<string, number[]> = { firstByteWrong: [], lastByteWrong: [], exact: [] };
    const copies = Object.fromEntries(Object.entries(candidates).map(([k, v]) => [k, Array.from({ length: 4 }, () => (v + ' ').slice(0, -1))]));
    for (let round = 0; round < 60; round += 1) {
      for (const name of Object.keys(candidates)) {
        const start = process.hrtime.bigint();
        for (const copy of copies[name]) compare(copy);
        samples[name].push(Number(process.hrtime.bigint() - start));
      }
    }
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1];
    return { firstByteWrong: median(samples.firstByteWrong), lastByteWrong: median(samples.lastByteWrong), exact: median(samples.exact) };
  }

  it('takes the same time whether a guess is wrong at the first byte, the last byte, or right', () => {
    assert.equal(isStatic(candidates.exact), true);
    assert.equal(isStatic(candidates.lastByteWrong), false);
    const ours = medians(isStatic);
    const ratio = (a: number, b: number) => Math.max(a, b) / Math.min(a, b);
    // The same measurement does tell a naive comparison apart (so it can fail).
    const naive = medians((candidate) => candidate === TOKEN);
    console.log(`static token comparison, median ns per 4 calls: ours ${JSON.stringify(ours)}, naive === ${JSON.stringify(naive)}`);
    assert.ok(ratio(naive.firstByteWrong, naive.lastByteWrong) > 3, `the measurement cannot see an early exit: ${JSON.stringify(naive)}`);
    assert.ok(ratio(ours.firstByteWrong, ours.lastByteWrong) < 1.5, `first vs last byte: ${JSON.stringify(ours)}`);
    assert.ok(ratio(ours.firstByteWrong, ours.exact) < 1.5, `wrong vs right: ${JSON.stringify(ours)}`);
  });
});
