/** Shared pieces: loading, errors, paging, forms from JSON Schema, diffs, formatting. */
import { html } from 'htm/preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ProblemError } from './api.js';

export { html };

export interface Loaded<T> {
  readonly data: T | undefined;
  readonly error: unknown;
  readonly loading: boolean;
  reload(): void;
}

/** Runs `load` when `key` changes (and on reload()); keeps the last data while reloading. */
export function useLoad<T>(load: () => Promise<T>, key: unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  const current = useRef(0);
  useEffect(() => {
    const call = ++current.current;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => call === current.current && setState({ data, loading: false }),
      (error: unknown) => call === current.current && setState((s) => ({ data: s.data, error, loading: false })),
    );
  }, [...key, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

/** A button action: runs, shows its error, tells when it is busy. */
export function useAction<A extends unknown[]>(run: (...args: A) => Promise<unknown>): {
  busy: boolean;
  error: unknown;
  clear(): void;
  run(...args: A): Promise<void>;
} {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  return {
    busy,
    error,
    clear: () => setError(undefined),
    async run(...args: A) {
      setBusy(true);
      setError(undefined);
      try {
        await run(...args);
      } catch (caught) {
        setError(caught);
      } finally {
        setBusy(false);
      }
    },
  };
}

/** Every error shows the problem's title, detail, field errors and traceId. */
export function ErrorBox({ error }: { error: unknown }) {
  if (!error) return null;
  if (error instanceof ProblemError) {
    const problem = error.problem as ProblemError['problem'] & { errors?: Array<{ field: string; message: string }>; code?: string };
    return html`<div class="error" role="alert">
      <p class="error-title"><strong>${problem.title ?? 'Error'}</strong> <span class="muted">(${error.status}${problem.code ? ` · ${problem.code}` : ''})</span></p>
      <p class="error-detail">${problem.detail}</p>
      ${problem.errors?.length
        ? html`<ul class="error-fields">${problem.errors.map((e) => html`<li><code>${e.field}</code>: ${e.message}</li>`)}</ul>`
        : null}
      <p class="error-trace">traceId: <code data-trace-id>${error.traceId ?? 'none'}</code></p>
    </div>`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return html`<div class="error" role="alert"><p class="error-title"><strong>Request failed</strong></p><p class="error-detail">${message}</p></div>`;
}

export interface PageMeta {
  readonly number: number;
  readonly size: number;
  readonly totalElements: number;
  readonly totalPages: number;
}

export function Pager({ page, onPage, label }: { page: PageMeta | undefined; onPage: (n: number) => void; label: string }) {
  if (!page) return null;
  const last = Math.max(page.totalPages - 1, 0);
  return html`<nav class="pager" aria-label=${`${label} pages`}>
    <button type="button" disabled=${page.number <= 0} onClick=${() => onPage(page.number - 1)}>Previous</button>
    <span aria-live="polite">Page ${Math.min(page.number, last) + 1} of ${Math.max(page.totalPages, 1)} · ${page.totalElements} in all</span>
    <button type="button" disabled=${page.number >= last} onClick=${() => onPage(page.number + 1)}>Next</button>
  </nav>`;
}

export function SortSelect({ id, value, fields, onChange }: { id: string; value: string; fields: string[]; onChange: (v: string) => void }) {
  return html`<label for=${id}>Sort
    <select id=${id} value=${value} onChange=${(e: Event) => onChange(inputValue(e))}>
      ${fields.flatMap((f) => [
        html`<option value=${`${f},DESC`}>${f} ↓</option>`,
        html`<option value=${`${f},ASC`}>${f} ↑</option>`,
      ])}
    </select></label>`;
}

export function inputValue(event: Event): string {
  return (event.currentTarget as HTMLInputElement).value;
}

export function checked(event: Event): boolean {
  return (event.currentTarget as HTMLInputElement).checked;
}

/** The named fields of a form as strings. */
export function formValues(event: Event): Record<string, string> {
  event.preventDefault();
  const data = new FormData(event.currentTarget as HTMLFormElement);
  return Object.fromEntries([...data.entries()].map(([k, v]) => [k, String(v)]));
}

/**
 * A nullable string of the API as a string. Several nullable fields are documented as `object`
 * in the OpenAPI document (a string-or-null property without an explicit type), so their
 * generated type is `{}`; this reads them as what they are.
 */
export function str(value: unknown): string | null {
  return typeof value === 'string' ? value : value === null || value === undefined ? null : String(value);
}

export function when(raw: unknown): string {
  const value = str(raw);
  if (!value) return '—';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, 'Z');
}

export function Badge({ value }: { value: string | boolean | null | undefined }) {
  const text = typeof value === 'boolean' ? (value ? 'yes' : 'no') : value ?? '—';
  return html`<span class=${`badge badge-${String(text).replace(/[^a-z_]/gi, '')}`}>${text}</span>`;
}

/** Field-by-field differences of two objects, for the given fields. */
export function diff(a: Record<string, unknown> | undefined, b: Record<string, unknown> | undefined, fields: string[]) {
  return fields
    .map((field) => ({ field, before: a?.[field] ?? null, after: b?.[field] ?? null }))
    .filter((row) => JSON.stringify(row.before) !== JSON.stringify(row.after));
}

export function DiffTable({ rows, before, after, caption }: { rows: ReturnType<typeof diff>; before: string; after: string; caption: string }) {
  if (rows.length === 0) return html`<p class="muted">No differences.</p>`;
  return html`<div class="table-wrap"><table class="diff">
    <caption>${caption}</caption>
    <thead><tr><th scope="col">Field</th><th scope="col">${before}</th><th scope="col">${after}</th></tr></thead>
    <tbody>${rows.map(
      (row) => html`<tr><th scope="row">${row.field}</th><td class="del">${show(row.before)}</td><td class="ins">${show(row.after)}</td></tr>`,
    )}</tbody>
  </table></div>`;
}

function show(value: unknown): string {
  if (value === null || value === undefined) return '∅';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

// ---- Forms generated from a JSON Schema (connector settings and credentials) ----

export interface JsonSchema {
  type?: string | string[];
  title?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  writeOnly?: boolean;
  items?: JsonSchema;
}

function typeOf(schema: JsonSchema): string {
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  return type ?? (schema.enum ? 'string' : 'object');
}

/** The schema's defaults, so a form starts filled in. */
export function schemaDefaults(schema: JsonSchema | undefined): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(schema?.properties ?? {})) if (property.default !== undefined) values[name] = property.default;
  return values;
}

const SECRET_NAME = /key|secret|token|password|encoded/i;

/**
 * Inputs for each property of an object schema: numbers, booleans, enums and strings become
 * their own controls (with the schema's bounds as HTML constraints), anything else JSON text.
 */
export function SchemaForm({ schema, values, onChange, idPrefix, secret }: {
  schema: JsonSchema;
  values: Record<string, unknown>;
  onChange: (values: Record<string, unknown>) => void;
  idPrefix: string;
  secret?: boolean;
}) {
  const required = new Set(schema.required ?? []);
  const set = (name: string, value: unknown) => {
    const next = { ...values };
    if (value === undefined || value === '') delete next[name];
    else next[name] = value;
    onChange(next);
  };
  const entries = Object.entries(schema.properties ?? {});
  if (entries.length === 0) return html`<p class="muted">This connector has no settings.</p>`;
  return html`<div class="schema-form">${entries.map(([name, property]) => {
    const id = `${idPrefix}-${name}`;
    const type = typeOf(property);
    const label = property.title ?? name;
    const help = property.description ? html`<small id=${`${id}-help`}>${property.description}</small>` : null;
    const describedBy = property.description ? `${id}-help` : undefined;
    const value = values[name];
    if (type === 'boolean') {
      return html`<div class="field field-check"><label for=${id}><input id=${id} type="checkbox" checked=${value === true}
        aria-describedby=${describedBy} onChange=${(e: Event) => set(name, checked(e))} /> ${label}</label>${help}</div>`;
    }
    if (property.enum) {
      return html`<div class="field"><label for=${id}>${label}${required.has(name) ? ' *' : ''}</label>
        <select id=${id} required=${required.has(name)} aria-describedby=${describedBy} value=${value === undefined ? '' : String(value)}
          onChange=${(e: Event) => set(name, inputValue(e) === '' ? undefined : property.enum!.find((v) => String(v) === inputValue(e)))}>
          ${required.has(name) ? null : html`<option value="">—</option>`}
          ${property.enum.map((v) => html`<option value=${String(v)}>${String(v)}</option>`)}
        </select>${help}</div>`;
    }
    if (type === 'integer' || type === 'number') {
      return html`<div class="field"><label for=${id}>${label}${required.has(name) ? ' *' : ''}</label>
        <input id=${id} type="number" inputmode="numeric" step=${type === 'integer' ? 1 : 'any'} min=${property.minimum} max=${property.maximum}
          required=${required.has(name)} aria-describedby=${describedBy} value=${value === undefined ? '' : String(value)}
          onInput=${(e: Event) => set(name, inputValue(e) === '' ? undefined : Number(inputValue(e)))} />${help}</div>`;
    }
    if (type === 'string') {
      const hidden = secret || property.writeOnly || property.format === 'password' || SECRET_NAME.test(name);
      return html`<div class="field"><label for=${id}>${label}${required.has(name) ? ' *' : ''}</label>
        <input id=${id} name=${name} type=${hidden ? 'password' : property.format === 'date' ? 'date' : 'text'} autocomplete="off"
          minlength=${property.minLength} maxlength=${property.maxLength} pattern=${property.pattern}
          required=${required.has(name)} aria-describedby=${describedBy} value=${value === undefined ? '' : String(value)}
          onInput=${(e: Event) => set(name, inputValue(e))} />${help}</div>`;
    }
    return html`<div class="field"><label for=${id}>${label} (JSON)</label>
      <textarea id=${id} rows="3" aria-describedby=${describedBy} onChange=${(e: Event) => {
        try {
          set(name, inputValue(e) ? JSON.parse(inputValue(e)) : undefined);
        } catch {
          (e.currentTarget as HTMLTextAreaElement).setCustomValidity('Not valid JSON');
        }
      }}>${value === undefined ? '' : JSON.stringify(value, null, 2)}</textarea>${help}</div>`;
  })}</div>`;
}

/** Today minus `days`, as yyyy-mm-dd. */
export function isoDay(daysAgo = 0): string {
  return new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
}
