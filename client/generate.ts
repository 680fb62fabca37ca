/**
 * Generates `schema.d.ts` (the API's types) from an OpenAPI document with openapi-typescript.
 * Used by `npm run openapi` and by the test that fails when the committed client is stale. Not
 * part of the published package (see `files` in package.json).
 */
import openapiTS, { astToString } from 'openapi-typescript';

const HEADER = `/**
 * The connector-hub API's types, generated from openapi.json by openapi-typescript.
 * Do not edit: run \`npm run openapi\` in the connector-hub repository.
 */
`;

export async function generateSchemaTypes(document: unknown): Promise<string> {
  const ast = await openapiTS(document as Parameters<typeof openapiTS>[0], { alphabetize: false });
  return `${HEADER}\n${astToString(ast)}`;
}
