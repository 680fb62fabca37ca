/**
 * `npm run build:admin` (also run by `npm install` and `npm run build`): bundles the admin page
 * with esbuild into dist/admin: index.html, one script and one stylesheet with content hashes in
 * their names, each also precompressed (brotli, gzip), and a manifest the service serves from.
 * Files are written under temporary names and renamed, so a running service or a concurrent
 * build never reads half a file.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { ADMIN_BUILD_DIR, ADMIN_MANIFEST, type AdminManifest } from '../src/admin/admin-assets.js';

const SOURCE = dirname(fileURLToPath(import.meta.url));
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

function writeAtomically(path: string, data: Buffer | string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temp, data);
  renameSync(temp, path);
}

export interface AdminBuild {
  readonly dir: string;
  readonly files: Record<string, number>;
}

export async function buildAdmin(outDir: string = ADMIN_BUILD_DIR): Promise<AdminBuild> {
  const result = await build({
    entryPoints: [join(SOURCE, 'src', 'main.ts'), join(SOURCE, 'src', 'admin.css')],
    bundle: true,
    minify: true,
    format: 'esm',
    splitting: true, // oidc-client-ts is a chunk of its own, fetched only when OIDC sign-in is configured
    target: ['es2022'],
    platform: 'browser',
    entryNames: '[name]-[hash]',
    chunkNames: 'chunk-[hash]',
    outdir: join(outDir, 'assets'),
    write: false,
    metafile: true,
    legalComments: 'none',
    absWorkingDir: dirname(SOURCE),
    logLevel: 'warning',
  });
  const outputs = new Map<string, Buffer>();
  let script = '';
  let style = '';
  for (const file of result.outputFiles) {
    const name = relative(outDir, file.path).split('\\').join('/');
    outputs.set(name, Buffer.from(file.contents));
    const entry = result.metafile.outputs[relative(dirname(SOURCE), file.path).split('\\').join('/')]?.entryPoint;
    if (entry?.endsWith('main.ts')) script = basename(name);
    if (entry?.endsWith('admin.css')) style = basename(name);
  }
  if (!script || !style) throw new Error(`The admin build did not produce its script and stylesheet (${[...outputs.keys()].join(', ')})`);
  const html = readFileSync(join(SOURCE, 'index.html'), 'utf8').replace('%SCRIPT%', `admin/assets/${script}`).replace('%STYLE%', `admin/assets/${style}`);
  outputs.set('index.html', Buffer.from(html));

  const manifest: AdminManifest = { builtAt: new Date().toISOString(), files: {} };
  const sizes: Record<string, number> = {};
  for (const [name, body] of outputs) {
    const extension = name.slice(name.lastIndexOf('.'));
    writeAtomically(join(outDir, name), body);
    writeAtomically(join(outDir, `${name}.br`), brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
    writeAtomically(join(outDir, `${name}.gz`), gzipSync(body, { level: 9 }));
    manifest.files[name] = {
      type: TYPES[extension] ?? 'application/octet-stream',
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
      immutable: name.startsWith('assets/'),
      encodings: ['br', 'gzip'],
    };
    sizes[name] = body.length;
  }
  writeAtomically(join(outDir, ADMIN_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return { dir: outDir, files: sizes };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const built = await buildAdmin();
  for (const [name, size] of Object.entries(built.files)) console.log(`  ${name}  ${(size / 1024).toFixed(1)} kB`);
  console.log(`Admin page built into ${built.dir}`);
}
