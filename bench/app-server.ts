/**
 * The service under benchmark: the real application (JWT verification, guards, validation,
 * request logging at info to a discarded stdout), configured from the environment as in
 * production. Prints `READY <port>` when listening.
 */
import 'reflect-metadata';
import { createHttpApp } from '../src/app.js';
import { loadConfig } from '../src/config/app-config.js';

const app = await createHttpApp(loadConfig(process.env));
await app.listen({ port: 0, host: '127.0.0.1' });
process.stderr.write(`READY ${(app.getHttpServer().address() as { port: number }).port}\n`);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
