import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Injectable } from '@nestjs/common';
import { PROJECT_ROOT } from '../paths.js';

/** Where `npm run build:admin` (run by `npm install` and `npm run build`) writes the admin page. */
export const ADMIN_BUILD_DIR = join(PROJECT_ROOT, 'dist', 'admin');
export const ADMIN_MANIFEST = 'manifest.json';

/** What the build writes next to the files: each served file with its precompressed forms. */
export interface AdminManifest {
  readonly builtAt: string;
  readonly files: Record<string, { readonly type: string; readonly etag: string; readonly immutable: boolean; readonly encodings: readonly ('br' | 'gzip')[] }>;
}

export interface AdminFile {
  readonly type: string;
  readonly etag: string;
  readonly immutable: boolean;
  readonly body: Buffer;
  readonly br?: Buffer;
  readonly gzip?: Buffer;
}

/**
 * The built admin page, read into memory once (it is a few files of some tens of kB) and again
 * when a new build replaces the manifest, so `npm run build:admin` shows without a restart.
 */
@Injectable()
export class AdminAssets {
  private loaded?: { readonly mtimeMs: number; readonly files: ReadonlyMap<string, AdminFile> };

  constructor(private readonly dir: string = ADMIN_BUILD_DIR) {}

  /** The file, or undefined when it is not part of the build; null when there is no build at all. */
  file(name: string): AdminFile | undefined | null {
    const files = this.files();
    return files === null ? null : files.get(name);
  }

  private files(): ReadonlyMap<string, AdminFile> | null {
    let mtimeMs: number;
    try {
      mtimeMs = statSync(join(this.dir, ADMIN_MANIFEST)).mtimeMs;
    } catch {
      return null;
    }
    if (this.loaded?.mtimeMs === mtimeMs) return this.loaded.files;
    const manifest = JSON.parse(readFileSync(join(this.dir, ADMIN_MANIFEST), 'utf8')) as AdminManifest;
    const files = new Map<string, AdminFile>();
    for (const [name, entry] of Object.entries(manifest.files)) {
      const path = join(this.dir, name);
      files.set(name, {
        type: entry.type,
        etag: entry.etag,
        immutable: entry.immutable,
        body: readFileSync(path),
        br: entry.encodings.includes('br') ? readFileSync(`${path}.br`) : undefined,
        gzip: entry.encodings.includes('gzip') ? readFileSync(`${path}.gz`) : undefined,
      });
    }
    this.loaded = { mtimeMs, files };
    return files;
  }
}
