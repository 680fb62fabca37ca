/**
 * `npm run openapi`: writes the OpenAPI document to openapi.json. Uses Nest's preview mode
 * (modules are scanned, no provider runs), so no database is needed.
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateOpenApiDocument } from '../src/openapi-document.js';
import { PROJECT_ROOT } from '../src/paths.js';

const file = join(PROJECT_ROOT, 'openapi.json');
writeFileSync(file, `${JSON.stringify(await generateOpenApiDocument(), null, 2)}\n`);
console.log(`Wrote ${file}`);
