import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CONNECTOR_DEFINITIONS } from '../connectors/connector-catalog.js';
import { HOST_ADAPTERS, OAUTH_PROVIDERS } from './host-adapters.js';

describe('host adapter registry', () => {
  it('gives every import plug of every adapter a reader, and nothing else', () => {
    for (const adapter of HOST_ADAPTERS) {
      const importPlugs = adapter.connector.plugs.filter((plug) => plug.direction === 'import').map((plug) => plug.name).sort();
      assert.deepEqual(Object.keys(adapter.readers).sort(), importPlugs, adapter.connector.id);
    }
  });

  it("takes AroFlo's retry_attempts and request_timeout_seconds for its HTTP calls", () => {
    const aroflo = HOST_ADAPTERS.find((adapter) => adapter.connector.id === 'AROFLO')!;
    assert.deepEqual(aroflo.httpOptions({ retry_attempts: 7, request_timeout_seconds: 12 } as never), { retries: 7, timeoutMs: 12_000 });
  });

  it('feeds the connector catalog and the OAuth providers', () => {
    for (const adapter of HOST_ADAPTERS) {
      assert.ok(CONNECTOR_DEFINITIONS.includes(adapter.connector), `${adapter.connector.id} is in the catalog`);
      assert.equal(adapter.connector.authType === 'oauth2', adapter.oauth !== undefined, `${adapter.connector.id}: OAuth provider iff authType oauth2`);
      if (adapter.oauth) assert.ok(OAUTH_PROVIDERS.includes(adapter.oauth));
    }
  });
});
