import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { variableString } from './aroflo.client.js';
import { signAroFloRequest } from './aroflo.signing.js';

// The expected signatures were computed outside this code, from the strings written out below by hand
// following AroFlo's documentation: printf '%s' "<string to sign>" | openssl dgst -sha512 -hmac '<secret>'.
describe('AroFlo request signing', () => {
  const identity = { secretKey: 'my-secret-key', uEncoded: 'JSc6TyBMUCAgCg==', pEncoded: 'ZCNAOVtOTjUySjQjQ2U0WDVMCg==', orgEncoded: 'JSZKUyZRQCAgCg==' };
  const timestamp = new Date('2026-03-01T10:15:30.123Z');

  it('signs method + empty path + accept + Authorization + timestamp + the variable string with HMAC-SHA512', () => {
    const variables = variableString({ zone: 'invoices', where: ['and|lastupdateddatetimeutc|>|2026-01-01 00:00:00'], page: 1, pageSize: 500 });
    assert.equal(variables, 'zone=invoices&where=and%7Clastupdateddatetimeutc%7C%3E%7C2026-01-01%2000%3A00%3A00&page=1&pageSize=500');
    const headers = signAroFloRequest({ method: 'GET', variables, timestamp }, identity);
    assert.deepEqual(headers, {
      accept: 'text/json',
      authorization: 'uencoded=JSc6TyBMUCAgCg%3D%3D&pencoded=ZCNAOVtOTjUySjQjQ2U0WDVMCg%3D%3D&orgEncoded=JSZKUyZRQCAgCg%3D%3D',
      afdatetimeutc: '2026-03-01T10:15:30.123Z',
      authentication:
        'HMAC 3aa14869347d0868439694cf73cfdefdfe149c2f020826719d34bc75567a264ecba560a7ffbcdb0b0f338340893d1b61097439527f85d32ee1ab51a2c5481c89',
    });
  });

  it('puts the HostIP after the method, and sends it, only when one is used', () => {
    const headers = signAroFloRequest(
      { method: 'GET', variables: 'zone=users&where=and%7Carchived%7C%3D%7Cfalse&page=2&pageSize=10', timestamp },
      { secretKey: 's3cr3t', uEncoded: 'u', pEncoded: 'p', orgEncoded: 'o', hostIp: '203.0.113.7' },
    );
    assert.equal(headers.hostip, '203.0.113.7');
    assert.equal(
      headers.authentication,
      'HMAC d9448dd64ab1384238bab0143074a7f5fcba07317b40f6e2b898b610ac8deb0a2f737563d935bc2d27c9fa26457b4be73ad574ab042e8b912ad6ea1d778aef34',
    );
  });

  it('changes with every input: another secret, timestamp or query gives another signature', () => {
    const base = signAroFloRequest({ method: 'GET', variables: 'zone=users&page=1', timestamp }, identity).authentication;
    assert.notEqual(signAroFloRequest({ method: 'GET', variables: 'zone=users&page=1', timestamp }, { ...identity, secretKey: 'other' }).authentication, base);
    assert.notEqual(signAroFloRequest({ method: 'GET', variables: 'zone=users&page=2', timestamp }, identity).authentication, base);
    assert.notEqual(signAroFloRequest({ method: 'GET', variables: 'zone=users&page=1', timestamp: new Date(timestamp.getTime() + 1) }, identity).authentication, base);
  });
});
