/**
 * `npm run openapi`: writes the OpenAPI document to openapi.json and regenerates the typed
 * client's types (client/schema.d.ts) from it. Uses Nest's preview mode (modules are scanned, no
 * provider runs), so no database is needed.
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSchemaTypes } from '../client/generate.js';
import { generateOpenApiDocument } from '../src/openapi-document.js';
import { PROJECT_ROOT } from '../src/paths.js';

const document = await generateOpenApiDocument();
const file = join(PROJECT_ROOT, 'openapi.json');
writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
console.log(`Wrote ${file}`);

const schema = join(PROJECT_ROOT, 'client', 'schema.d.ts');
writeFileSync(schema, await generateSchemaTypes(document));
console.log(`Wrote ${schema}`);
