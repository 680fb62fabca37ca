import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { ALL_SCOPES } from '../../src/auth/principal.js';
import { exampleBody } from './examples.js';
import { fillPath, type Operation } from './openapi-operations.js';
import { SERVICE_TOKEN, startTestApp, type TestApp } from '../support/app.js';
import { TEST_AUDIENCE, TestIdentityProvider } from '../support/identity-provider.js';
import { integrationBody, PARTNER_TENANT, specCreateBody, TENANT_A, TENANT_B } from '../support/tenant-config.fixtures.js';

/** Tenant A's resources, by the path parameter names of openapi.json. */
export type PathValues = Record<string, string>;

/**
 * The application with a real OIDC issuer and tenant A's resources: a tenant integration with a
 * sensitive config, an AroFlo connection with a finished run and an extracted sale (the run and
 * the sale written as the extraction would store them). Used by the fuzzer and the BOLA matrix.
 */
export class World {
  private client?: pg.Client;
  private digestSql?: string;

  private constructor(
    readonly api: TestApp,
    readonly idp: TestIdentityProvider,
    readonly tokens: { readonly adminA: string; readonly adminB: string; readonly noTenants: string },
  ) {}

  static async start(env: Record<string, string> = {}): Promise<World> {
    const idp = await TestIdentityProvider.start();
    const api = await startTestApp({
      AUTH_JWKS_URL: idp.jwksUrl,
      AUTH_ISSUER: idp.issuer,
      AUTH_AUDIENCE: TEST_AUDIENCE,
      // Thousands of requests from one address and token: the limits are tested on their own.
      RATE_LIMIT_AUTH_FAILURES: '1000000',
      RATE_LIMIT_WRITES: '1000000',
      ...env,
    });
    const tokens = {
      adminA: await idp.token({ sub: 'admin@tenant-a.com', scopes: ALL_SCOPES, tenants: [TENANT_A] }),
      adminB: await idp.token({ sub: 'admin@tenant-b.com', scopes: ALL_SCOPES, tenants: [TENANT_B] }),
      noTenants: await idp.token({ sub: 'nobody@example.com', scopes: ALL_SCOPES, tenants: [] }),
    };
    return new World(api, idp, tokens);
  }

  token(options: { scopes?: readonly string[]; tenants?: readonly string[]; sub?: string }): Promise<string> {
    return this.idp.token({ sub: options.sub ?? 'someone@tenant-a.com', scopes: options.scopes ?? ALL_SCOPES, tenants: options.tenants ?? [TENANT_A] });
  }

  /** Creates a fresh set of tenant A's resources; returns the path values that address them. */
  async seed(): Promise<PathValues> {
    const token = this.tokens.adminA;
    const created = async (path: string, body: unknown) => {
      const response = await this.api.request(path, { method: 'POST', token, json: body });
      const text = await response.text();
      assert.equal(response.status, 201, `${path}: ${text}`);
      return JSON.parse(text) as Record<string, any>;
    };
    const integration = await created('/tenantintegrations', integrationBody({ tenant: TENANT_A, name: `fuzz-${randomUUID()}` }));
    const config = await created(`/tenantintegrations/${integration.id}/configs`, specCreateBody({
      tenant: TENANT_A, integration: integration.id, name: `secret-${randomUUID().slice(0, 8)}`, value: 'tenant-a-secret-value', sensitive: true,
    }));
    const connection = await created('/connections', { connector: 'AROFLO', name: `Sydney ${randomUUID().slice(0, 8)}`, tenant: TENANT_A });
    const [run] = await this.query<{ id: string }>(
      `INSERT INTO extraction_runs (connection_id, trigger, status, attempt, requested_by, started_at, finished_at)
       VALUES ($1, 'manual', 'succeeded', 1, 'admin@tenant-a.com', now() - interval '2 minutes', now() - interval '1 minute') RETURNING id`,
      [connection.id],
    );
    const [sale] = await this.query<{ id: string }>(
      `INSERT INTO extracted_transactions (connection_id, stream, external_id, type, status, transaction_date, document_number, currency,
         subtotal, discount, shipping, shipping_tax, tax, total, tax_exempt, review_required, content_hash, first_run_id, last_run_id)
       VALUES ($1, 'payments', $2, 'sale', 'active', '2026-03-04T10:11:12Z', 'INV-1001', 'AUD',
         '100.00', '0.00', '10.00', '1.00', '11.00', '121.00', false, false, $3, $4, $4) RETURNING id`,
      [connection.id, `ext-${randomUUID()}`, 'a'.repeat(64), run.id],
    );
    return {
      tenantintegration: integration.id,
      config: config.id,
      connectionId: connection.id,
      syncId: run.id,
      transactionId: sale.id,
      stream: 'payments',
      version: '0',
      connector: 'BIGCOMMERCE_OSERIES',
      partnerTenant: PARTNER_TENANT,
    };
  }

  /**
   * Ids for path parameters `seed` does not know (resources added to the API later): a resource
   * addressed by `/x/{id}` is created as tenant A through `POST /x`, from the document's example
   * body with `tenant` set to tenant A. What cannot be created this way gets a uuid nobody owns,
   * and is returned in `placeholders`.
   */
  async seedMissing(operations: readonly Operation[], values: PathValues): Promise<{ values: PathValues; placeholders: string[] }> {
    const out: PathValues = { ...values };
    for (let progress = true; progress; ) {
      progress = false;
      for (const operation of operations) {
        for (const parameter of operation.pathParams) {
          if (out[parameter.name] || parameter.schema.format !== 'uuid') continue;
          const prefix = operation.path.slice(0, operation.path.indexOf(`/{${parameter.name}}`));
          const create = operations.find((op) => op.method === 'POST' && op.path === prefix);
          if (!create || create.pathParams.some((p) => !out[p.name])) continue;
          const body = create.bodies[0] ? (exampleBody(create.bodies[0].schema) as Record<string, unknown>) : undefined;
          if (body && typeof body === 'object' && 'tenant' in body) body.tenant = TENANT_A;
          const response = await this.api.request(fillPath(create, out), { method: 'POST', token: this.tokens.adminA, json: body ?? {} });
          const created = (await response.json().catch(() => undefined)) as { id?: string } | undefined;
          if ((response.status === 201 || response.status === 202) && created?.id) {
            out[parameter.name] = created.id;
            progress = true;
          }
        }
      }
    }
    const placeholders = [...new Set(operations.flatMap((op) => op.pathParams.filter((p) => !out[p.name]).map((p) => p.name)))];
    for (const name of placeholders) out[name] = 'ffffffff-ffff-4fff-bfff-ffffffffffff';
    return { values: out, placeholders };
  }

  async query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    if (!this.client) {
      this.client = new pg.Client({ connectionString: this.api.database.url });
      await this.client.connect();
    }
    return (await this.client.query(sql, params)).rows as T[];
  }

  /**
   * A digest of every application table (pg-boss's schema and the migrations table aside): equal
   * digests before and after a request mean the request changed nothing that is stored.
   */
  async digest(): Promise<string> {
    if (!this.digestSql) {
      const tables = await this.query<{ name: string }>(
        `SELECT quote_ident(table_name) AS name FROM information_schema.tables
         WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT IN ('migrations', 'typeorm_metadata') ORDER BY table_name`,
      );
      this.digestSql = `SELECT md5(${tables
        .map((t) => `coalesce((SELECT string_agg(md5(x::text), ',' ORDER BY md5(x::text)) FROM ${t.name} x), '')`)
        .join(` || '|' || `)}) AS digest`;
    }
    const [row] = await this.query<{ digest: string }>(this.digestSql);
    return row.digest;
  }

  async close(): Promise<void> {
    await this.client?.end();
    await this.api.close();
    await this.idp.stop();
  }
}

export { SERVICE_TOKEN, TENANT_A, TENANT_B };
