import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Folder holding `src/` and `migrations/` as they run: the checkout, or `dist/` when compiled. */
export const CODE_ROOT = dirname(dirname(fileURLToPath(import.meta.url)));

/** The checkout's root, holding package.json. */
export const PROJECT_ROOT = existsSync(join(CODE_ROOT, 'package.json')) ? CODE_ROOT : dirname(CODE_ROOT);
