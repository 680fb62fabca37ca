import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PROJECT_ROOT } from '../src/paths.js';
import { startTestApp, type TestApp } from './support/app.js';

describe('committed OpenAPI document', () => {
  let api: TestApp;
  before(async () => {
    api = await startTestApp();
  });
  after(() => api?.close());

  it('is what the running service serves (run "npm run openapi" after changing the API)', async () => {
    const committed = JSON.parse(readFileSync(join(PROJECT_ROOT, 'openapi.json'), 'utf8')) as unknown;
    const served = (await (await api.request('/docs-json')).json()) as unknown;
    assert.deepEqual(served, committed, 'openapi.json is stale: run "npm run openapi" and commit the result');
  });
});
