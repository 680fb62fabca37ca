import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { isSecretQueryParameter, redactUrl } from '../src/logging.js';
import { SERVICE_TOKEN, startTestApp, type TestApp } from './support/app.js';
import { captureLogs } from './support/log-capture.js';

/** The request line of the last request to `path`. */
function requestLine(lines: string[], path: string): Record<string, any> {
  const line = lines.map((l) => JSON.parse(l)).filter((l) => l.http?.url?.startsWith(path)).at(-1);
  assert.ok(line, `no request line for ${path}`);
  return line;
}

describe('request logs', () => {
  it('masks every query parameter named like a credential, not a fixed list', () => {
    const secrets = [
      'authorization', 'Authorization', 'access_token', 'accessToken', 'id_token', 'X-Amz-Security-Token', 'api_key', 'apiKey', 'X-Api-Key',
      'key', 'private_key', 'jwt', 'client_secret', 'clientSecret', 'client_assertion', 'password', 'passwd', 'code', 'state',
      'signature', 'sig', 'session_id', 'refreshToken', 'credentials', 'bearer',
    ];
    for (const name of secrets) assert.ok(isSecretQueryParameter(name), name);
    for (const name of ['pageSort', 'pageSize', 'pageNumber', 'group', 'name', 'reveal', 'tenant', 'connector', 'redirect']) {
      assert.ok(!isSecretQueryParameter(name), name);
    }
    assert.equal(redactUrl('/x?client_assertion=eyJ.a.b&jwt=eyJ.c.d&pageSize=5'), '/x?client_assertion=%5BREDACTED%5D&jwt=%5BREDACTED%5D&pageSize=5');
  });

  describe('without TRUST_PROXY (development and tests)', () => {
    let api: TestApp;
    const logs = captureLogs();
    before(async () => {
      api = await startTestApp({ LOG_LEVEL: 'info' }, { logDestination: logs.destination });
    });
    after(() => api?.close());

    it('logs the peer address, not what a client writes in X-Forwarded-For; masks secret parameters', async () => {
      await api.request('/me?jwt=eyJhbGciOi.secret-jwt-marker.sig&X-Api-Key=key-marker-77&client_assertion=assertion-marker&pageSize=5', {
        token: SERVICE_TOKEN,
        headers: { 'x-forwarded-for': '203.0.113.9' },
      });
      const line = requestLine(logs.lines, '/me');
      assert.equal(line.http.remoteAddress, '127.0.0.1');
      for (const marker of ['secret-jwt-marker', 'key-marker-77', 'assertion-marker']) assert.ok(!logs.lines.join('').includes(marker), marker);
      assert.match(line.http.url, /pageSize=5/);
    });
  });

  describe('with TRUST_PROXY', () => {
    let oneHop: TestApp;
    let byAddress: TestApp;
    const oneHopLogs = captureLogs();
    const byAddressLogs = captureLogs();
    before(async () => {
      oneHop = await startTestApp({ LOG_LEVEL: 'info', TRUST_PROXY: '1' }, { logDestination: oneHopLogs.destination });
      byAddress = await startTestApp({ LOG_LEVEL: 'info', TRUST_PROXY: '10.0.0.0/8' }, { logDestination: byAddressLogs.destination });
    });
    after(async () => {
      await oneHop?.close();
      await byAddress?.close();
    });

    it('one hop (the Heroku router): the address the router appended, whatever the client wrote before it', async () => {
      await oneHop.request('/me', { token: SERVICE_TOKEN, headers: { 'x-forwarded-for': '203.0.113.9, 198.51.100.7' } });
      assert.equal(requestLine(oneHopLogs.lines, '/me').http.remoteAddress, '198.51.100.7');
    });

    it('a proxy list: X-Forwarded-For is ignored from a peer that is not in it', async () => {
      await byAddress.request('/me', { token: SERVICE_TOKEN, headers: { 'x-forwarded-for': '203.0.113.9' } });
      assert.equal(requestLine(byAddressLogs.lines, '/me').http.remoteAddress, '127.0.0.1');
    });
  });
});
