/**
 * The benchmark's baseline: a bare Fastify + pg server answering the two tenant-config reads
 * with the same rows and the same JSON shape, with no framework, auth, validation or logging.
 * Prints `READY <port>` when listening.
 */
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const COLUMNS = `id, version, created_at AS "createdAt", updated_at AS "updatedAt", created_by AS "createdBy",
  updated_by AS "updatedBy", client, client_name AS "clientName", tenant, tenant_name AS "tenantName",
  partner_tenant AS "partnerTenant", partner_tenant_name AS "partnerTenantName", integration,
  integration_name AS "integrationName", "group", name, label, description, value, sensitive, connector,
  tenant_integration_id AS "tenantIntegration"`;

const app = Fastify();

app.get<{ Params: { ti: string; id: string } }>('/tenantintegrations/:ti/configs/:id', async (request, reply) => {
  const { rows } = await pool.query(`SELECT ${COLUMNS} FROM tenant_configs WHERE id = $1 AND tenant_integration_id = $2`, [
    request.params.id,
    request.params.ti,
  ]);
  if (rows.length === 0) return reply.code(404).send({ status: 404 });
  return rows[0];
});

app.get<{ Params: { ti: string } }>('/tenantintegrations/:ti/configs', async (request) => {
  const [page, count] = await Promise.all([
    pool.query(`SELECT ${COLUMNS} FROM tenant_configs WHERE tenant_integration_id = $1 ORDER BY updated_at DESC, id LIMIT 20`, [request.params.ti]),
    pool.query('SELECT count(*)::int AS total FROM tenant_configs WHERE tenant_integration_id = $1', [request.params.ti]),
  ]);
  const total = count.rows[0].total as number;
  return { content: page.rows, page: { number: 0, size: 20, totalElements: total, totalPages: Math.ceil(total / 20) } };
});

await app.listen({ port: 0, host: '127.0.0.1' });
process.stderr.write(`READY ${(app.server.address() as { port: number }).port}\n`);
