import assert from 'node:assert/strict';
import { after, before, describe, it, mock } from 'node:test';
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
