import type { Schema } from './openapi-operations.js';

/** A body that passes validation: the required members, from the document's examples where it has them. */
export function exampleBody(schema: Schema, depth = 0): unknown {
  if (schema.example !== undefined) return schema.example;
  if (schema.enum?.length) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      if (schema.format === 'uuid') return 'ffffffff-ffff-4fff-bfff-ffffffffffff';
      if (schema.format === 'date') return '2026-01-01';
      if (schema.format === 'date-time') return '2026-01-01T00:00:00Z';
      return 'x'.repeat(Math.max(1, schema.minLength ?? 1));
    case 'integer':
    case 'number':
      return schema.minimum ?? 0;
    case 'boolean':
      return false;
    case 'array':
      return depth > 4 ? [] : [exampleBody(schema.items ?? {}, depth + 1)];
    default: {
      const body: Record<string, unknown> = {};
      for (const name of schema.required ?? []) body[name] = exampleBody(schema.properties?.[name] ?? {}, depth + 1);
      return body;
    }
  }
}

/** The operation's required query parameters, from their examples (or types). */
export function exampleQuery(parameters: ReadonlyArray<{ name: string; required: boolean; schema: Schema }>, values: Record<string, string> = {}): string {
  const query = new URLSearchParams();
  for (const parameter of parameters) {
    if (!parameter.required) continue;
    const value = values[parameter.name] ?? exampleBody(parameter.schema);
    query.set(parameter.name, String(value));
  }
  const text = query.toString();
  return text ? `?${text}` : '';
}
