import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, getSchemaPath, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE, ProblemDto } from './common/problem.js';

const DESCRIPTION = `Backend for tax-data connectors: per-tenant connector configuration (versioned,
optimistically locked, sensitive values encrypted and masked), tenant integrations, connections to
host systems, and scheduled incremental extraction into the canonical data model.

**Authentication.** Every endpoint except \`/health\` needs \`Authorization: Bearer <token>\`:
an OAuth2 JWT from the identity provider (scopes in \`scope\`/\`scp\`, tenants in the tenants claim)
or the static service token.

**Errors** are RFC 7807 \`application/problem+json\` documents with a \`traceId\` that is also
returned in the \`x-request-id\` header.

**Paging**: \`pageNumber\` (from 0), \`pageSize\` (1–100), repeatable \`pageSort=field,ASC|DESC\`.

**Locking**: resources carry \`version\`; \`GET\` returns \`ETag: "<version>"\`; send it back with
\`If-Match\` (or \`version\` in the body) to update; a stale version answers 409.`;

export function buildOpenApiDocument(app: INestApplication, version: string): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('connector-hub API')
    .setDescription(DESCRIPTION)
    .setVersion(version)
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT or service token' })
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (_controllerKey, methodKey) => methodKey,
    extraModels: [ProblemDto],
  });
  return withProblemResponses(withoutInferredHeaders(document));
}

/**
 * A `@Headers('if-match')` parameter makes Nest document a second, required `if-match` header next
 * to the optional `If-Match` the route declares; HTTP headers are case-insensitive, so one goes.
 */
function withoutInferredHeaders(document: OpenAPIObject): OpenAPIObject {
  for (const path of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = path[method] as OperationObject | undefined;
      if (!operation?.parameters) continue;
      const parameters = operation.parameters as Array<{ in?: string; name?: string }>;
      operation.parameters = parameters.filter(
        (parameter) =>
          !(parameter.in === 'header' && parameter.name === parameter.name?.toLowerCase() && parameters.some((other) => other !== parameter && other.in === 'header' && other.name?.toLowerCase() === parameter.name)),
      ) as OperationObject['parameters'];
    }
  }
  return document;
}

type OperationObject = NonNullable<OpenAPIObject['paths'][string]['get']>;
interface ResponseObject {
  description: string;
  content?: unknown;
}

const PROBLEM_REF = { $ref: getSchemaPath(ProblemDto) };
const PROBLEM_CONTENT = { [PROBLEM_CONTENT_TYPE]: { schema: PROBLEM_REF } };
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head'] as const;

/**
 * Every error response of every operation is documented as application/problem+json: those
 * declared on the route keep their description, and each operation also lists the 400 (when it
 * takes input) and 500 every route can answer.
 */
function withProblemResponses(document: OpenAPIObject): OpenAPIObject {
  for (const path of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = path[method] as OperationObject | undefined;
      if (!operation) continue;
      const responses = operation.responses as Record<string, ResponseObject>;
      for (const [status, response] of Object.entries(responses)) {
        if (Number(status) >= 400) response.content = PROBLEM_CONTENT;
      }
      if ((operation.parameters?.length || operation.requestBody) && !responses['400']) {
        responses['400'] = { description: 'Invalid input: see errors[] for each field', content: PROBLEM_CONTENT };
      }
      responses['500'] ??= { description: 'Unexpected error; quote the traceId when reporting it', content: PROBLEM_CONTENT };
    }
  }
  return document;
}
