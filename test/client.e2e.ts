import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createClient, ifMatch, ok, ProblemError } from '../client/index.js';
import { generateSchemaTypes } from '../client/generate.js';
import { PROJECT_ROOT } from '../src/paths.js';
import { SERVICE_TOKEN, startTestApp, type TestApp } from './support/app.js';
import { integrationBody } from './support/tenant-config.fixtures.js';

describe('typed client (client/)', () => {
  let api: TestApp;
  before(async () => {
    api = await startTestApp();
  });
  after(() => api?.close());

  it('is generated from the committed openapi.json (run "npm run openapi" after changing the API)', async () => {
    const document = JSON.parse(readFileSync(join(PROJECT_ROOT, 'openapi.json'), 'utf8')) as unknown;
    const committed = readFileSync(join(PROJECT_ROOT, 'client', 'schema.d.ts'), 'utf8');
    assert.ok(committed === (await generateSchemaTypes(document)), 'client/schema.d.ts is stale: run "npm run openapi" and commit the result');
  });

  it('packs as a publishable package with its types and without the generator', () => {
    const [packed] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: join(PROJECT_ROOT, 'client'), encoding: 'utf8' })) as Array<{
      name: string;
      files: Array<{ path: string }>;
    }>;
    assert.equal(packed.name, '@connector-hub/client');
    const files = packed.files.map((file) => file.path).sort();
    assert.deepEqual(files, ['README.md', 'index.d.ts', 'index.js', 'package.json', 'schema.d.ts']);
  });

  it('sends the current token, returns typed data and round-trips optimistic locking', async () => {
    let calls = 0;
    const client = createClient({
      baseUrl: api.baseUrl,
      token: () => {
        calls += 1;
        return SERVICE_TOKEN;
      },
    });
    const me = await ok(client.GET('/me'));
    assert.equal(me.kind, 'service');
    assert.equal(me.tenants, 'all');
    const created = await ok(client.POST('/tenantintegrations', { body: integrationBody() as never }));
    assert.equal(created.version, 0);
    const patched = await ok(
      client.PATCH('/tenantintegrations/{tenantintegration}', {
        params: { path: { tenantintegration: created.id }, header: { 'If-Match': ifMatch(created.version) } },
        body: { clientName: 'Company xyz (renamed)' },
      }),
    );
    assert.equal(patched.version, 1);
    assert.equal(calls, 3);
  });

  it('throws a ProblemError with the detail and traceId of an error answer', async () => {
    const client = createClient({ baseUrl: api.baseUrl, token: SERVICE_TOKEN });
    await assert.rejects(
      ok(client.GET('/tenantintegrations', { params: { query: { pageSize: 1000 } } })),
      (error: unknown) => {
        assert.ok(error instanceof ProblemError);
        assert.equal(error.status, 400);
        assert.match(error.problem.detail, /pageSize/);
        assert.match(error.traceId ?? '', /.{8,}/);
        assert.equal(error.traceId, error.response.headers.get('x-request-id'));
        return true;
      },
    );
    const anonymous = createClient({ baseUrl: api.baseUrl });
    await assert.rejects(ok(anonymous.GET('/me')), (error: unknown) => error instanceof ProblemError && error.status === 401);
  });
});
