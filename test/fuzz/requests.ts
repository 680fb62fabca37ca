import fc from 'fast-check';
import type { Operation, Parameter, Schema } from './openapi-operations.js';
import type { PathValues } from './world.js';

/** One generated HTTP request, plain data so a failing one can be printed and kept as a regression case. */
export interface FuzzRequest {
  readonly operationId: string;
  readonly method: string;
  /** Path with query string. */
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
  /** What was done to the request (for the report). */
  readonly mutation: string;
}

const NASTY_STRINGS = [
  '', ' ', '\u0000', 'a\u0000b', '\u202Eevil\u202C', '\u200B', '😀'.repeat(50), '\uD800', '\uDFFF', 'x\uD83D', '\uFEFF',
  "'; DROP TABLE tenant_configs; --", '" OR 1=1 --', '${jndi:ldap://x}', '<script>alert(1)</script>', '../../etc/passwd',
  '%00', '%', '\\', '\n\r', 'null', 'true', '-1', 'NaN', '1e309', '__proto__', 'constructor',
];
const NASTY_NUMBERS = [-1, 0, 1.5, -2147483649, 2147483648, 9007199254740993, 1e308, -1e308];
const PAGE_SORTS = [
  'name;DROP TABLE tenant_configs', 'name,ASC;--', '"updatedAt" DESC', 'updatedAt,DESC,', ',', 'updatedAt,', ',ASC', 'updatedAt,DESCX',
  '1,ASC', 'id) UNION SELECT 1--,ASC', '__proto__,ASC', 'constructor,DESC', 'name,asc', 'updatedAt,ASC NULLS FIRST', 'pg_sleep(1),ASC',
  'name,ASC,extra', 'na\u0000me,ASC', 'x'.repeat(300),
];
const BAD_IDS = [
  'not-a-uuid', '1', '0', '-1', 'null', 'undefined', '00000000-0000-0000-0000-00000000000g', '{1a855cf0-d29b-4fb2-a238-abd2c0d03856}',
  '1a855cf0d29b4fb2a238abd2c0d03856', '1A855CF0-D29B-4FB2-A238-ABD2C0D03856x', "1' OR '1'='1", '..', '%2e%2e', 'x'.repeat(2000),
  '\u0000', '😀', ' ', 'ffffffff-ffff-ffff-ffff-ffffffffffff',
];
const BAD_IF_MATCH = ['"abc"', 'W/"0"', '*', '"-1"', '"99999999999999999999"', '1', '""', '"0", "1"', '"\u00e9"', '"1.5"', 'garbage', '" 1"'];
const CONTENT_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/json; charset=latin1', '', 'application/json-patch+json', '*/*'];

const nastyString = fc.oneof(
  fc.constantFrom(...NASTY_STRINGS),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer({ min: 256, max: 70_000 }).map((n) => 'x'.repeat(n)),
);
const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, '', [], {}),
  nastyString,
  fc.constantFrom(...NASTY_NUMBERS),
  fc.array(fc.integer(), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 }),
);

/** A value that fits the schema (the fuzzer then breaks one part of the request). */
export function validValue(schema: Schema, depth = 0): fc.Arbitrary<unknown> {
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  if (schema.example !== undefined && depth > 0) return fc.oneof(fc.constant(schema.example), typed(schema, depth));
  return typed(schema, depth);
}

function typed(schema: Schema, depth: number): fc.Arbitrary<unknown> {
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (schema.oneOf?.length || schema.anyOf?.length) return fc.oneof(...(schema.oneOf ?? schema.anyOf)!.map((s) => validValue(s, depth + 1)));
  switch (type) {
    case 'string':
      if (schema.format === 'uuid') return fc.uuid();
      if (schema.format === 'date') return fc.date({ min: new Date('2000-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
      if (schema.format === 'date-time') return fc.date({ min: new Date('2000-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString());
      return fc.string({ minLength: Math.max(1, schema.minLength ?? 1), maxLength: Math.min(schema.maxLength ?? 30, 30) });
    case 'integer':
      return fc.integer({ min: schema.minimum ?? 0, max: Math.min(schema.maximum ?? 1000, 1_000_000) });
    case 'number':
      return fc.integer({ min: schema.minimum ?? 0, max: Math.min(schema.maximum ?? 1000, 1_000_000) });
    case 'boolean':
      return fc.boolean();
    case 'array':
      if (depth > 4) return fc.constant([]);
      return fc.array(validValue(schema.items ?? {}, depth + 1), { maxLength: Math.min(schema.maxItems ?? 3, 3) });
    case 'object':
    default:
      if (!schema.properties || depth > 4) return fc.constant({});
      return fc.record(
        Object.fromEntries(Object.entries(schema.properties).map(([name, s]) => [name, validValue(s, depth + 1)])),
        { requiredKeys: schema.required ?? [] },
      );
  }
}

/** A value of the wrong type, out of range or over-long, for a schema. */
function wrongValue(schema: Schema): fc.Arbitrary<unknown> {
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  const specific: fc.Arbitrary<unknown>[] = [anyJson];
  if (type === 'string') {
    specific.push(fc.constantFrom(123, true, {}, [], null));
    if (schema.maxLength !== undefined) specific.push(fc.constant('y'.repeat(schema.maxLength + 1)));
    if (schema.format) specific.push(fc.constantFrom(...BAD_IDS, '2026-02-30', '2026-13-01', '99999-01-01', '2026-01-01T25:00:00Z'));
  }
  if (type === 'integer' || type === 'number') {
    specific.push(fc.constantFrom(...NASTY_NUMBERS, '1', 'one', null));
    if (schema.maximum !== undefined) specific.push(fc.constant(schema.maximum + 1));
    if (schema.minimum !== undefined) specific.push(fc.constant(schema.minimum - 1));
  }
  if (type === 'array') specific.push(fc.constantFrom({}, 'a', 1), fc.constant(Array.from({ length: 10_000 }, (_, i) => i)));
  if (type === 'object') specific.push(fc.constantFrom('a', 1, [], [{}]));
  return fc.oneof(...specific);
}

function queryValue(parameter: Parameter): fc.Arbitrary<string> {
  if (parameter.name === 'pageSort') return fc.oneof(fc.constantFrom(...PAGE_SORTS), fc.constantFrom('updatedAt,DESC', 'name,ASC', 'createdAt,ASC'));
  return fc.oneof(
    validValue(parameter.schema).map((v) => (typeof v === 'string' ? v : JSON.stringify(v))),
    wrongValue(parameter.schema).map((v) => (typeof v === 'string' ? v : JSON.stringify(v) ?? '')),
  );
}

const deepNest = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

function bodyMutations(schema: Schema): fc.Arbitrary<{ body: string; mutation: string; contentType?: string }> {
  const valid = validValue(schema) as fc.Arbitrary<Record<string, unknown>>;
  const properties = Object.keys(schema.properties ?? {});
  const json = (mutation: string) => (value: unknown) => ({ body: JSON.stringify(value) ?? 'null', mutation });
  const options: fc.Arbitrary<{ body: string; mutation: string; contentType?: string }>[] = [
    valid.map(json('valid body')),
    fc.tuple(valid, fc.string({ minLength: 1, maxLength: 12 }), anyJson).map(([v, k, x]) => ({ body: JSON.stringify({ ...(v as object), [`unknown_${k}`]: x }), mutation: 'unknown field' })),
    anyJson.map(json('body of the wrong type')),
    fc.constantFrom('{', '{"a":', '[1,2', 'nul', '{"a":1}}', "{'a':1}", '\u0000', '{"a":NaN}', '{"a":1,}', '').map((body) => ({ body, mutation: 'malformed JSON' })),
    fc.constantFrom(20, 63, 65, 200, 5000).map((d) => ({ body: d < 64 ? `{"settings":${deepNest(d)}}` : deepNest(d), mutation: `nesting ${d} deep` })),
    fc.constant({ body: JSON.stringify(Array.from({ length: 20_000 }, () => ({}))), mutation: 'huge array' }),
    fc.tuple(valid, fc.constantFrom(...CONTENT_TYPES)).map(([v, contentType]) => ({ body: JSON.stringify(v), mutation: `content type ${contentType || '(none)'}`, contentType })),
  ];
  if (properties.length > 0) {
    const property = fc.constantFrom(...properties);
    options.push(
      fc.tuple(valid, property).chain(([v, p]) => wrongValue(schema.properties![p]).map((x) => ({ body: JSON.stringify({ ...(v as object), [p]: x }), mutation: `wrong ${p}` }))),
      fc.tuple(valid, property, anyJson).map(([v, p, x]) => {
        // A duplicated member: JSON.stringify cannot write it, so the text is spliced.
        const text = JSON.stringify(v);
        const extra = `${JSON.stringify(p)}:${JSON.stringify(x) ?? 'null'}`;
        return { body: text === '{}' ? `{${extra},${extra}}` : `{${extra},${text.slice(1)}`, mutation: `duplicated ${p}` };
      }),
      fc.tuple(valid, property).map(([v, p]) => {
        const copy = { ...(v as Record<string, unknown>) };
        delete copy[p];
        return { body: JSON.stringify(copy), mutation: `missing ${p}` };
      }),
    );
  }
  return fc.oneof(...options);
}

/** Requests for one operation: valid resource ids mostly, with one part of the request broken. */
export function requestsFor(operation: Operation, values: () => PathValues, tokens: fc.Arbitrary<string>): fc.Arbitrary<FuzzRequest> {
  const pathValue = (parameter: Parameter): fc.Arbitrary<string> =>
    fc.oneof(
      { weight: 6, arbitrary: fc.constant(null).map(() => values()[parameter.name] ?? 'ffffffff-ffff-4fff-bfff-ffffffffffff') },
      { weight: 1, arbitrary: fc.uuid() },
      { weight: 2, arbitrary: fc.constantFrom(...BAD_IDS) },
    );
  const pathArb = fc.tuple(...operation.pathParams.map(pathValue)).map((parts) => {
    let i = 0;
    return operation.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(parts[i++]));
  });
  const queryArb = fc
    .array(
      fc.oneof(
        { weight: 4, arbitrary: operation.queryParams.length > 0 ? fc.constantFrom(...operation.queryParams).chain((p) => queryValue(p).map((v): [string, string] => [p.name, v])) : fc.constant(null) },
        { weight: 1, arbitrary: fc.tuple(fc.constantFrom('pageSort', 'pageSize', 'pageNumber', 'unknown', '__proto__', 'a[b]', ''), nastyString) },
      ),
      { maxLength: 4 },
    )
    .map((pairs) => {
      const query = new URLSearchParams();
      for (const pair of pairs) if (pair) query.append(pair[0], pair[1]);
      const text = query.toString();
      return text ? `?${text}` : '';
    });
  const ifMatchArb = fc.option(fc.oneof(fc.constantFrom(...BAD_IF_MATCH), fc.constantFrom('"0"', '"1"')), { nil: undefined });
  const bodyArb = operation.bodies.length > 0
    ? fc.option(bodyMutations(operation.bodies[0].schema), { freq: 8, nil: undefined })
    : fc.option(fc.constantFrom({ body: '{"unexpected":true}', mutation: 'body where none is taken' }, { body: 'text', mutation: 'text body where none is taken', contentType: 'text/plain' }), { freq: 2, nil: undefined });

  return fc.record({ path: pathArb, query: queryArb, ifMatch: ifMatchArb, body: bodyArb, token: tokens }).map(({ path, query, ifMatch, body, token }) => {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (ifMatch !== undefined && operation.headerParams.some((h) => h.name === 'if-match')) headers['if-match'] = ifMatch;
    if (body) headers['content-type'] = body.contentType ?? operation.bodies[0]?.contentType ?? 'application/json';
    if (body && headers['content-type'] === '') delete headers['content-type'];
    const mutation = [body?.mutation ?? (operation.bodies.length > 0 ? 'no body' : ''), query ? 'query' : '', ifMatch ? `If-Match ${ifMatch}` : '']
      .filter(Boolean)
      .join(', ') || 'plain';
    return { operationId: operation.operationId, method: operation.method, url: `${path}${query}`, headers, body: body?.body, mutation };
  });
}
