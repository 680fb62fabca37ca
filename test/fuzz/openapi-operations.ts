import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/paths.js';

/** A JSON Schema as the OpenAPI document writes it (refs resolved). */
export type Schema = {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  nullable?: boolean;
  additionalProperties?: boolean | Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  example?: unknown;
  $ref?: string;
};

export interface Parameter {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header' | 'cookie';
  readonly required: boolean;
  readonly schema: Schema;
}

/** One operation of openapi.json, read at run time so operations added later are covered without a list to update. */
export interface Operation {
  readonly method: string;
  /** The path template, e.g. `/connections/{connectionId}`. */
  readonly path: string;
  readonly operationId: string;
  readonly pathParams: readonly Parameter[];
  readonly queryParams: readonly Parameter[];
  readonly headerParams: readonly Parameter[];
  /** Request body media types and schemas; empty when the operation takes none. */
  readonly bodies: ReadonlyArray<{ readonly contentType: string; readonly schema: Schema }>;
  readonly bodyRequired: boolean;
  /** No bearer token needed (no `security`). */
  readonly isPublic: boolean;
  /** Scopes named in the documented 403 ("Requires the scope(s): …", written by @Authenticated). */
  readonly scopes: readonly string[];
  readonly isWrite: boolean;
  /** A page for a browser (its 200 is text/html): its refusals are pages for the person too. */
  readonly isPage: boolean;
}

type Document = {
  paths: Record<string, Record<string, any>>;
  components?: { schemas?: Record<string, Schema> };
};

const METHODS = ['get', 'put', 'post', 'patch', 'delete'];

export function loadOpenApi(file = join(PROJECT_ROOT, 'openapi.json')): Document {
  return JSON.parse(readFileSync(file, 'utf8')) as Document;
}

/** Every operation of the document, refs resolved (cyclic refs stop at depth 12). */
export function readOperations(document: Document = loadOpenApi()): Operation[] {
  const resolve = (schema: Schema | undefined, depth = 0): Schema => {
    if (!schema || depth > 12) return {};
    if (schema.$ref) {
      const name = schema.$ref.replace('#/components/schemas/', '');
      return resolve(document.components?.schemas?.[name], depth + 1);
    }
    const out: Schema = { ...schema };
    if (schema.properties) {
      out.properties = Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, resolve(v, depth + 1)]));
    }
    if (schema.items) out.items = resolve(schema.items, depth + 1);
    for (const key of ['allOf', 'oneOf', 'anyOf'] as const) {
      if (schema[key]) out[key] = schema[key]!.map((s) => resolve(s, depth + 1));
    }
    if (schema.allOf) {
      // Merge allOf into one object schema (what Nest's swagger writes for extended DTOs).
      for (const part of out.allOf!) {
        out.properties = { ...out.properties, ...part.properties };
        out.required = [...(out.required ?? []), ...(part.required ?? [])];
        out.type ??= part.type;
      }
      delete out.allOf;
    }
    return out;
  };

  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const params: Parameter[] = [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p: any) => ({
        name: p.name,
        in: p.in,
        required: Boolean(p.required),
        schema: resolve(p.schema),
      }));
      const content = (op.requestBody?.content ?? {}) as Record<string, { schema?: Schema }>;
      const forbidden = String(op.responses?.['403']?.description ?? '');
      const scopes = /Requires the scope\(s\): (.+)$/.exec(forbidden)?.[1].split(/,\s*/) ?? [];
      operations.push({
        method: method.toUpperCase(),
        path,
        operationId: op.operationId ?? `${method} ${path}`,
        pathParams: params.filter((p) => p.in === 'path'),
        queryParams: params.filter((p) => p.in === 'query'),
        headerParams: dedupeHeaders(params.filter((p) => p.in === 'header')),
        bodies: Object.entries(content).map(([contentType, media]) => ({ contentType, schema: resolve(media.schema) })),
        bodyRequired: Boolean(op.requestBody?.required),
        isPublic: !op.security || op.security.length === 0,
        scopes,
        isWrite: method !== 'get',
        isPage: Boolean(op.responses?.['200']?.content?.['text/html']),
      });
    }
  }
  return operations;
}

/** Header names are case-insensitive; the document lists `If-Match` twice in places. */
function dedupeHeaders(headers: Parameter[]): Parameter[] {
  const seen = new Map<string, Parameter>();
  for (const header of headers) {
    const key = header.name.toLowerCase();
    if (!seen.has(key)) seen.set(key, { ...header, name: key });
  }
  return [...seen.values()];
}

/** Fills a path template: `values[name]`, else the fallback for that parameter. */
export function fillPath(operation: Operation, values: Record<string, string>): string {
  return operation.path.replace(/\{([^}]+)\}/g, (_m, name: string) => encodeURIComponent(values[name] ?? ''));
}
