/** Connections: list, creation from the catalog, credentials or OAuth, schedule, syncs, streams, data. */
import { useEffect, useState } from 'preact/hooks';
import { api, can, ifMatch, ok, ProblemError, SCOPES, type Principal, type Schemas } from './api.js';
import { DailyChart } from './chart.js';
import {
  str, Badge, checked, ErrorBox, formValues, html, inputValue, isoDay, Pager, SchemaForm, schemaDefaults, SortSelect, useAction, useLoad, when, type JsonSchema,
} from './ui.js';

type Connection = Schemas['ConnectionDto'];
/**
 * A catalog entry of GET /connectors. Written out here rather than taken from Schemas: the
 * committed OpenAPI document has two schemas named ConnectorDto (the catalog's and the TrustFile
 * connector switch's), and the switch's won, so the generated name no longer means the catalog.
 */
interface Connector {
  readonly id: string;
  readonly name: string;
  readonly category: string;
  readonly authType: 'oauth2' | 'apiKey' | 'none';
  readonly plugs: Schemas['PlugDefinitionDto'][];
  readonly settingsSchema: JsonSchema;
  readonly credentialsSchema?: JsonSchema | null;
}
type Run = Schemas['SyncRunDto'];

const STATUSES: Connection['status'][] = ['new', 'awaiting_authorization', 'ready', 'syncing', 'error', 'auth_error', 'disabled'];
const CONNECTION_SORTS = ['updatedAt', 'createdAt', 'name', 'connector', 'status', 'startDate', 'lastSyncAt', 'nextSyncAt'];
const ACTIVE = new Set(['queued', 'running']);

function useCatalog() {
  return useLoad(async () => (await ok(api.GET('/connectors'))).content as unknown as Connector[], []);
}

export function ConnectionsPage({ me }: { me: Principal }) {
  const catalog = useCatalog();
  const [filter, setFilter] = useState({ connector: '', status: '', enabled: '', tenant: '' });
  const [sort, setSort] = useState('updatedAt,DESC');
  const [pageNumber, setPage] = useState(0);
  const list = useLoad(
    () => ok(api.GET('/connections', {
      params: {
        query: {
          connector: filter.connector || undefined,
          status: (filter.status || undefined) as Connection['status'] | undefined,
          enabled: filter.enabled === '' ? undefined : filter.enabled === 'true',
          tenant: filter.tenant || undefined,
          pageSort: [sort],
          pageNumber,
          pageSize: 20,
        },
      },
    })),
    [JSON.stringify(filter), sort, pageNumber],
  );
  const update = (key: keyof typeof filter) => (e: Event) => {
    setFilter({ ...filter, [key]: inputValue(e) });
    setPage(0);
  };
  return html`<section aria-labelledby="connections-title">
    <h1 id="connections-title">Connections</h1>
    <form class="filters" onSubmit=${(e: Event) => e.preventDefault()} aria-label="Filter connections">
      <label for="cf-connector">Connector <select id="cf-connector" value=${filter.connector} onChange=${update('connector')}>
        <option value="">All</option>${catalog.data?.map((c) => html`<option value=${c.id}>${c.name}</option>`)}</select></label>
      <label for="cf-status">Status <select id="cf-status" value=${filter.status} onChange=${update('status')}>
        <option value="">All</option>${STATUSES.map((s) => html`<option value=${s}>${s}</option>`)}</select></label>
      <label for="cf-enabled">Enabled <select id="cf-enabled" value=${filter.enabled} onChange=${update('enabled')}>
        <option value="">All</option><option value="true">enabled</option><option value="false">disabled</option></select></label>
      <label for="cf-tenant">Tenant <input id="cf-tenant" value=${filter.tenant} onChange=${update('tenant')} placeholder="UUID" /></label>
      <${SortSelect} id="connection-sort" value=${sort} fields=${CONNECTION_SORTS} onChange=${(v: string) => { setSort(v); setPage(0); }} />
    </form>
    <${ErrorBox} error=${list.error ?? catalog.error} />
    <div class="table-wrap"><table>
      <caption class="visually-hidden">Connections</caption>
      <thead><tr><th scope="col">Name</th><th scope="col">Connector</th><th scope="col">Status</th><th scope="col">Enabled</th><th scope="col">Start date</th><th scope="col">Last sync</th><th scope="col">Next sync</th></tr></thead>
      <tbody>${list.data?.content.map(
        (c) => html`<tr>
          <td><a href=${`#/connections/${c.id}`}>${c.name}</a></td><td>${c.connector}</td><td><${Badge} value=${c.status} /></td>
          <td><${Badge} value=${c.enabled} /></td><td>${str(c.startDate) ?? '—'}</td><td>${when(c.lastSyncAt)}</td><td>${when(c.nextSyncAt)}</td>
        </tr>`,
      )}</tbody>
    </table></div>
    ${list.data && list.data.content.length === 0 ? html`<p class="muted">No connections match.</p>` : null}
    <${Pager} page=${list.data?.page} onPage=${setPage} label="Connections" />
    ${can(me, SCOPES.connectionWrite) && catalog.data ? html`<${CreateConnection} catalog=${catalog.data} me=${me} />` : null}
  </section>`;
}

function CreateConnection({ catalog, me }: { catalog: Connector[]; me: Principal }) {
  const [connectorId, setConnectorId] = useState(catalog[0]?.id ?? '');
  const connector = catalog.find((c) => c.id === connectorId);
  const [settings, setSettings] = useState<Record<string, unknown>>(schemaDefaults(connector?.settingsSchema as JsonSchema));
  const [plugs, setPlugs] = useState<Record<string, boolean>>({});
  useEffect(() => {
    setSettings(schemaDefaults(connector?.settingsSchema as JsonSchema));
    setPlugs({});
  }, [connectorId]);
  const tenants = Array.isArray(me.tenants) ? me.tenants : [];
  const create = useAction(async (values: Record<string, string>) => {
    const created = await ok(api.POST('/connections', {
      body: {
        connector: connectorId,
        name: values.name,
        tenant: values.tenant || undefined,
        companyToken: values.companyToken || undefined,
        settings,
        plugs: connector?.plugs.map((p) => ({ name: p.name, enabled: plugs[p.name] ?? true })),
      },
    }));
    location.hash = `#/connections/${created.id}`;
  });
  return html`<details class="panel" open><summary>New connection</summary>
    <form onSubmit=${(e: Event) => create.run(formValues(e))} aria-label="New connection">
      <div class="grid-form">
        <div class="field"><label for="nc-connector">Connector *</label>
          <select id="nc-connector" value=${connectorId} onChange=${(e: Event) => setConnectorId(inputValue(e))}>
            ${catalog.map((c) => html`<option value=${c.id}>${c.name} (${c.category}, ${c.authType})</option>`)}
          </select></div>
        <div class="field"><label for="nc-name">Name *</label><input id="nc-name" name="name" required autocomplete="off" /></div>
        <div class="field"><label for="nc-tenant">Tenant${tenants.length === 1 ? '' : ' (UUID)'}</label>
          ${tenants.length > 0
            ? html`<select id="nc-tenant" name="tenant">${tenants.map((t) => html`<option value=${t}>${t}</option>`)}</select>`
            : html`<input id="nc-tenant" name="tenant" autocomplete="off" required placeholder="UUID" />`}</div>
        <div class="field"><label for="nc-company">Company token</label><input id="nc-company" name="companyToken" autocomplete="off" /></div>
      </div>
      ${connector
        ? html`<fieldset><legend>Streams</legend>${connector.plugs.map(
            (p) => html`<label class="check" for=${`nc-plug-${p.name}`}><input id=${`nc-plug-${p.name}`} type="checkbox" checked=${plugs[p.name] ?? true}
              onChange=${(e: Event) => setPlugs({ ...plugs, [p.name]: checked(e) })} /> ${p.name} <span class="muted">(${p.direction}) ${p.description}</span></label>`,
          )}</fieldset>
          <fieldset><legend>Settings</legend><${SchemaForm} schema=${connector.settingsSchema as JsonSchema} values=${settings} onChange=${setSettings} idPrefix="nc-setting" /></fieldset>`
        : null}
      <div class="actions"><button type="submit" class="primary" disabled=${create.busy}>Create connection</button></div>
      <${ErrorBox} error=${create.error} />
    </form></details>`;
}

const TABS = [
  ['overview', 'Overview'],
  ['streams', 'Streams'],
  ['transactions', 'Transactions'],
  ['records', 'Records'],
] as const;

export function ConnectionPage({ id, tab, me }: { id: string; tab: string; me: Principal }) {
  const connection = useLoad(() => ok(api.GET('/connections/{connectionId}', { params: { path: { connectionId: id } } })), [id]);
  const catalog = useCatalog();
  const c = connection.data;
  const connector = catalog.data?.find((x) => x.id === c?.connector);
  return html`<section aria-labelledby="connection-title">
    <p><a href="#/connections">← Connections</a></p>
    <${ErrorBox} error=${connection.error} />
    ${c
      ? html`<h1 id="connection-title">${c.name} <${Badge} value=${c.status} /></h1>
        ${c.statusDetail ? html`<p class="status-detail">${c.statusDetail}</p>` : null}
        <dl class="facts">
          <div><dt>Connector</dt><dd>${connector?.name ?? c.connector}</dd></div>
          <div><dt>Tenant</dt><dd><code>${c.tenant}</code></dd></div>
          <div><dt>Enabled</dt><dd><${Badge} value=${c.enabled} /></dd></div>
          <div><dt>Start date</dt><dd>${str(c.startDate) ?? '—'}</dd></div>
          <div><dt>Authorized</dt><dd><${Badge} value=${c.authorization.authorized} />${c.authorization.authorizedAt ? ` ${when(c.authorization.authorizedAt)}` : ''}</dd></div>
          <div><dt>Last / next sync</dt><dd>${when(c.lastSyncAt)} / ${when(c.nextSyncAt)}</dd></div>
        </dl>
        <nav class="tabs" aria-label="Connection sections">${TABS.map(
          ([key, label]) => html`<a href=${`#/connections/${c.id}${key === 'overview' ? '' : `/${key}`}`} aria-current=${tab === key ? 'page' : undefined}>${label}</a>`,
        )}</nav>
        ${tab === 'overview' ? html`<${Overview} connection=${c} connector=${connector} me=${me} onChanged=${connection.reload} />` : null}
        ${tab === 'streams' ? html`<${Streams} connection=${c} me=${me} />` : null}
        ${tab === 'transactions' ? html`<${Transactions} connection=${c} />` : null}
        ${tab === 'records' ? html`<${Records} connection=${c} />` : null}`
      : connection.loading ? html`<p>Loading…</p>` : null}
  </section>`;
}

function Overview({ connection, connector, me, onChanged }: { connection: Connection; connector?: Connector; me: Principal; onChanged: () => void }) {
  const mayWrite = can(me, SCOPES.connectionWrite);
  return html`<div class="cards">
    ${mayWrite && connector ? html`<${Access} connection=${connection} connector=${connector} onChanged=${onChanged} />` : null}
    ${mayWrite ? html`<${Schedule} connection=${connection} onChanged=${onChanged} />` : null}
    <${Runs} connection=${connection} maySync=${can(me, SCOPES.syncWrite)} onChanged=${onChanged} />
  </div>`;
}

/** API-key credentials from the connector's credentialsSchema (one API key field without one), or the OAuth popup. */
function Access({ connection, connector, onChanged }: { connection: Connection; connector: Connector; onChanged: () => void }) {
  const [values, setValues] = useState<Record<string, unknown>>({});
  const [message, setMessage] = useState('');
  const schema: JsonSchema = connector.credentialsSchema ?? { type: 'object', required: ['apiKey'], properties: { apiKey: { type: 'string', title: 'API key', minLength: 1 } } };
  const save = useAction(async () => {
    await ok(api.PUT('/connections/{connectionId}/credentials', { params: { path: { connectionId: connection.id } }, body: values as never }));
    setValues({});
    setMessage('Credentials saved.');
    onChanged();
  });
  const authorize = useAction(async () => {
    // The popup opens in the click itself (popup blockers), then goes to the host once the URL is known.
    const popup = window.open('about:blank', 'connector-hub-oauth', 'popup,width=600,height=720');
    try {
      const start = await ok(api.GET('/connections/{connectionId}/authorize', { params: { path: { connectionId: connection.id } } }));
      if (!popup) throw new Error('The browser blocked the authorization window: allow popups for this page.');
      popup.location.href = start.authorizeUrl;
      setMessage('Waiting for the authorization window…');
      // The callback page posts { connectionId, status } to this origin. Should the window close
      // without a message (closed by the person, or its opener link cut), the connection is read again.
      const result = await new Promise<{ connectionId: string | null; status: string } | null>((resolve) => {
        const finish = (value: { connectionId: string | null; status: string } | null) => {
          window.removeEventListener('message', listener);
          clearInterval(watcher);
          resolve(value);
        };
        const listener = (event: MessageEvent) => {
          if (event.origin !== location.origin || event.source !== popup) return;
          const data = event.data as { connectionId?: string | null; status?: string };
          if (!data || typeof data.status !== 'string' || (data.connectionId && data.connectionId !== connection.id)) return;
          finish({ connectionId: data.connectionId ?? null, status: data.status });
        };
        const watcher = setInterval(() => popup.closed && finish(null), 500);
        window.addEventListener('message', listener);
      });
      if (result) setMessage(result.status === 'ready' ? 'Authorized.' : `The authorization ended with status ${result.status}.`);
      else {
        const now = await ok(api.GET('/connections/{connectionId}', { params: { path: { connectionId: connection.id } } }));
        setMessage(now.authorization.authorized ? 'The authorization window closed; the connection is authorized.' : 'The authorization window closed before the authorization completed.');
      }
      onChanged();
    } catch (error) {
      popup?.close();
      throw error;
    }
  });
  return html`<section class="card" aria-labelledby="access-title">
    <h2 id="access-title">Access</h2>
    ${connector.authType === 'oauth2'
      ? html`<p>${connection.authorization.authorized ? 'Authorized at the host.' : 'Not authorized yet.'}</p>
        <button type="button" class="primary" disabled=${authorize.busy} onClick=${() => authorize.run()}>${connection.authorization.authorized ? 'Authorize again' : 'Authorize'} at ${connector.name}</button>
        <${ErrorBox} error=${authorize.error} />`
      : connector.authType === 'apiKey'
        ? html`${connection.authorization.authorized ? html`<p>Credentials are stored (encrypted); they are never shown again.</p>` : null}
          <details open=${!connection.authorization.authorized}><summary>${connection.authorization.authorized ? 'Replace the credentials' : 'Credentials'}</summary>
          ${schema.description ? html`<p class="muted">${schema.description}</p>` : null}
          <form onSubmit=${(e: Event) => { e.preventDefault(); void save.run(); }} aria-label="Credentials">
            <${SchemaForm} schema=${schema} values=${values} onChange=${setValues} idPrefix="cred" secret=${!connector.credentialsSchema} />
            <div class="actions"><button type="submit" class="primary" disabled=${save.busy}>Save credentials</button></div>
            <${ErrorBox} error=${save.error} />
          </form></details>`
        : html`<p class="muted">This connector needs no credentials.</p>`}
    <p class="muted" aria-live="polite">${message}</p>
  </section>`;
}

function Schedule({ connection, onChanged }: { connection: Connection; onChanged: () => void }) {
  const [startDate, setStartDate] = useState(str(connection.startDate) ?? isoDay(30));
  const change = useAction(async (enabled: boolean) => {
    await ok(api.PATCH('/connections/{connectionId}', {
      params: { path: { connectionId: connection.id }, header: { 'if-match': ifMatch(connection.version) } },
      body: enabled ? { enabled, startDate } : { enabled },
    }));
    onChanged();
  });
  return html`<section class="card" aria-labelledby="schedule-title">
    <h2 id="schedule-title">Schedule</h2>
    ${connection.enabled
      ? html`<p>Enabled from ${str(connection.startDate)}; next sync ${when(connection.nextSyncAt)}.</p>
        <button type="button" class="danger" disabled=${change.busy} onClick=${() => change.run(false)}>Disable</button>`
      : html`<form onSubmit=${(e: Event) => { e.preventDefault(); void change.run(true); }} aria-label="Enable">
          <div class="field"><label for="start-date">Start date</label><input id="start-date" type="date" required value=${startDate} onInput=${(e: Event) => setStartDate(inputValue(e))} /></div>
          <div class="actions"><button type="submit" class="primary" disabled=${change.busy}>Enable</button></div>
        </form>`}
    <${ErrorBox} error=${change.error} />
  </section>`;
}

/** Runs with live progress: polled every second while one is queued or running. */
function Runs({ connection, maySync, onChanged }: { connection: Connection; maySync: boolean; onChanged: () => void }) {
  const [status, setStatus] = useState('');
  const [pageNumber, setPage] = useState(0);
  const path = { connectionId: connection.id };
  const runs = useLoad(
    () => ok(api.GET('/connections/{connectionId}/syncs', { params: { path, query: { status: (status || undefined) as Run['status'] | undefined, pageNumber, pageSize: 10 } } })),
    [connection.id, connection.version, status, pageNumber],
  );
  const active = runs.data?.content.some((r) => ACTIVE.has(r.status)) ?? false;
  // Live progress: every second while a run is queued or running; otherwise every 5 s, so runs
  // the scheduler starts show up too.
  useEffect(() => {
    const timer = setTimeout(() => runs.reload(), active ? 1000 : 5000);
    return () => clearTimeout(timer);
  }, [active, runs.data, runs.error]);
  const [wasActive, setWasActive] = useState(false);
  useEffect(() => {
    if (wasActive && !active) onChanged();
    setWasActive(active);
  }, [active]);
  const [note, setNote] = useState('');
  const sync = useAction(async () => {
    setNote('');
    try {
      await ok(api.POST('/connections/{connectionId}/syncs', { params: { path }, body: {} }));
    } catch (error) {
      // A run already queued or running is followed instead of queueing another.
      if (!(error instanceof ProblemError && (error.problem as { code?: string }).code === 'SYNC.ALREADY_ACTIVE')) throw error;
      setNote(error.problem.detail);
    } finally {
      setPage(0);
      runs.reload();
    }
  });
  const cancel = useAction(async (run: Run) => {
    await ok(api.POST('/connections/{connectionId}/syncs/{syncId}/cancel', { params: { path: { ...path, syncId: run.id } } }));
    runs.reload();
  });
  return html`<section class="card wide" aria-labelledby="runs-title">
    <h2 id="runs-title">Syncs</h2>
    <div class="toolbar">
      ${maySync ? html`<button type="button" class="primary" disabled=${sync.busy} onClick=${() => sync.run()}>Sync now</button>` : null}
      <label for="run-status">Status <select id="run-status" value=${status} onChange=${(e: Event) => { setStatus(inputValue(e)); setPage(0); }}>
        <option value="">All</option>${['queued', 'running', 'succeeded', 'failed', 'cancelled'].map((s) => html`<option value=${s}>${s}</option>`)}</select></label>
      <span class="muted" aria-live="polite">${note ? `${note}. ` : ''}${active ? 'A sync is running; updating every second.' : ''}</span>
    </div>
    <${ErrorBox} error=${sync.error ?? runs.error ?? cancel.error} />
    ${runs.data?.content.map(
      (run) => html`<article class=${`run run-${run.status}`} data-run=${run.id} aria-label=${`Sync ${run.status}, queued ${when(run.queuedAt)}`}>
        <header><${Badge} value=${run.status} /> <span>${run.trigger}</span> <span class="muted">attempt ${run.attempt} · queued ${when(run.queuedAt)}${run.finishedAt ? ` · finished ${when(run.finishedAt)}` : ''} · by ${run.requestedBy}</span>
          ${maySync && ACTIVE.has(run.status) ? html` <button type="button" onClick=${() => cancel.run(run)}>Cancel</button>` : null}</header>
        ${run.error ? html`<p class="run-error"><code>${(run.error as { code?: string }).code}</code> ${(run.error as { message?: string }).message}</p>` : null}
        <div class="table-wrap"><table class="compact">
          <thead><tr><th scope="col">Stream</th><th scope="col">Status</th><th scope="col">Fetched</th><th scope="col">Inserted</th><th scope="col">Updated</th><th scope="col">Unchanged</th><th scope="col">Failed</th><th scope="col">Synced through</th></tr></thead>
          <tbody>${run.streams.map(
            (s) => html`<tr data-stream=${s.stream}><th scope="row">${s.stream}</th><td><${Badge} value=${s.status} /></td><td data-fetched>${s.fetched}</td><td>${s.inserted}</td><td>${s.updated}</td><td>${s.unchanged}</td><td>${s.failed}</td><td>${when(s.syncedThrough)}</td></tr>`,
          )}</tbody>
        </table></div>
      </article>`,
    )}
    ${runs.data && runs.data.content.length === 0 ? html`<p class="muted">No syncs yet.</p>` : null}
    <${Pager} page=${runs.data?.page} onPage=${setPage} label="Syncs" />
  </section>`;
}

function Streams({ connection, me }: { connection: Connection; me: Principal }) {
  const path = { connectionId: connection.id };
  const streams = useLoad(() => ok(api.GET('/connections/{connectionId}/streams', { params: { path } })), [connection.id]);
  const [moves, setMoves] = useState<Record<string, string>>({});
  const mayWrite = can(me, SCOPES.syncWrite) || can(me, SCOPES.connectionWrite);
  const move = useAction(async (stream: string) => {
    const local = moves[stream];
    if (!local) throw new Error('Choose the time to move the checkpoint to');
    await ok(api.PUT('/connections/{connectionId}/streams/{stream}', { params: { path: { ...path, stream } }, body: { syncedThrough: new Date(`${local}Z`).toISOString() } }));
    streams.reload();
  });
  const reset = useAction(async (stream: string) => {
    if (!confirm(`Reset the checkpoint of ${stream}? The next sync reads it again from the start date.`)) return;
    await ok(api.DELETE('/connections/{connectionId}/streams/{stream}/checkpoint', { params: { path: { ...path, stream } } }));
    streams.reload();
  });
  return html`<section aria-labelledby="streams-title">
    <h2 id="streams-title">Streams</h2>
    <${ErrorBox} error=${streams.error ?? move.error ?? reset.error} />
    <div class="table-wrap"><table>
      <thead><tr><th scope="col">Stream</th><th scope="col">Enabled</th><th scope="col">Synced through</th><th scope="col">Last success</th><th scope="col">Records</th><th scope="col">Reading</th>${mayWrite ? html`<th scope="col">Checkpoint (UTC)</th>` : null}</tr></thead>
      <tbody>${streams.data?.map(
        (s) => html`<tr data-stream=${s.stream}>
          <th scope="row">${s.stream}</th><td><${Badge} value=${s.enabled} /></td><td data-synced-through>${when(s.syncedThrough)}</td><td>${when(s.lastSuccessAt)}</td>
          <td>${s.records}</td><td><${Badge} value=${s.readInProgress} /></td>
          ${mayWrite
            ? html`<td class="row-actions">
                <label class="visually-hidden" for=${`move-${s.stream}`}>Move the checkpoint of ${s.stream} to</label>
                <input id=${`move-${s.stream}`} type="datetime-local" step="1" value=${moves[s.stream] ?? ''} onInput=${(e: Event) => setMoves({ ...moves, [s.stream]: inputValue(e) })} />
                <button type="button" disabled=${move.busy} onClick=${() => move.run(s.stream)} aria-label=${`Move the checkpoint of ${s.stream}`}>Move</button>
                <button type="button" class="danger" disabled=${reset.busy} onClick=${() => reset.run(s.stream)} aria-label=${`Reset the checkpoint of ${s.stream}`}>Reset</button>
              </td>`
            : null}
        </tr>`,
      )}</tbody>
    </table></div>
  </section>`;
}

function Transactions({ connection }: { connection: Connection }) {
  const path = { connectionId: connection.id };
  const [filter, setFilter] = useState({ type: '', status: '', from: '', to: '', externalId: '' });
  const [sort, setSort] = useState('transactionDate,DESC');
  const [pageNumber, setPage] = useState(0);
  const [range, setRange] = useState({ from: str(connection.startDate) ?? isoDay(30), to: isoDay(0) });
  const [open, setOpen] = useState<string | null>(null);
  const list = useLoad(
    () => ok(api.GET('/connections/{connectionId}/transactions', {
      params: {
        path,
        query: {
          type: (filter.type || undefined) as 'sale' | 'refund' | undefined,
          status: (filter.status || undefined) as 'active' | 'voided' | undefined,
          from: filter.from || undefined,
          to: filter.to || undefined,
          externalId: filter.externalId || undefined,
          pageSort: [sort],
          pageNumber,
          pageSize: 20,
        },
      },
    })),
    [connection.id, JSON.stringify(filter), sort, pageNumber],
  );
  const summary = useLoad(() => ok(api.GET('/connections/{connectionId}/transactions/summary', { params: { path, query: { from: range.from, to: range.to } } })), [connection.id, range.from, range.to]);
  // Currencies by their number of documents in the period, the busiest first (shown by default).
  const counts = new Map<string, number>();
  for (const d of summary.data?.days ?? []) counts.set(str(d.currency) ?? '', (counts.get(str(d.currency) ?? '') ?? 0) + d.salesCount + d.refundCount);
  const currencies = [...counts.keys()].sort((a, b) => counts.get(b)! - counts.get(a)! || a.localeCompare(b));
  const [currency, setCurrency] = useState('');
  const shown = currencies.includes(currency) ? currency : currencies[0] ?? '';
  const update = (key: keyof typeof filter) => (e: Event) => {
    setFilter({ ...filter, [key]: inputValue(e) });
    setPage(0);
  };
  return html`<section aria-labelledby="summary-title">
      <h2 id="summary-title">Per day</h2>
      <form class="filters" onSubmit=${(e: Event) => e.preventDefault()} aria-label="Summary period">
        <label for="sum-from">From <input id="sum-from" type="date" value=${range.from} onChange=${(e: Event) => setRange({ ...range, from: inputValue(e) })} /></label>
        <label for="sum-to">To <input id="sum-to" type="date" value=${range.to} onChange=${(e: Event) => setRange({ ...range, to: inputValue(e) })} /></label>
        ${currencies.length > 1
          ? html`<label for="sum-currency">Currency <select id="sum-currency" value=${shown} onChange=${(e: Event) => setCurrency(inputValue(e))}>${currencies.map((c) => html`<option value=${c}>${c || '—'}</option>`)}</select></label>`
          : null}
      </form>
      <${ErrorBox} error=${summary.error} />
      ${summary.data ? html`<${DailyChart} days=${summary.data.days} currency=${shown} />
        <details><summary>Figures per day</summary><div class="table-wrap"><table class="compact">
          <thead><tr><th scope="col">Day</th><th scope="col">Currency</th><th scope="col">Sales</th><th scope="col">Refunds</th><th scope="col">Total</th><th scope="col">Tax</th><th scope="col">Shipping</th></tr></thead>
          <tbody>${summary.data.days.map((d) => html`<tr><th scope="row">${d.day}</th><td>${d.currency ?? '—'}</td><td class="num">${d.sales} (${d.salesCount})</td><td class="num">${d.refunds} (${d.refundCount})</td><td class="num">${d.total}</td><td class="num">${d.tax}</td><td class="num">${d.shipping}</td></tr>`)}</tbody>
        </table></div></details>` : null}
    </section>
    <section aria-labelledby="transactions-title">
      <h2 id="transactions-title">Transactions</h2>
      <form class="filters" onSubmit=${(e: Event) => e.preventDefault()} aria-label="Filter transactions">
        <label for="tf-type">Type <select id="tf-type" value=${filter.type} onChange=${update('type')}><option value="">All</option><option value="sale">sale</option><option value="refund">refund</option></select></label>
        <label for="tf-status">Status <select id="tf-status" value=${filter.status} onChange=${update('status')}><option value="">All</option><option value="active">active</option><option value="voided">voided</option></select></label>
        <label for="tf-from">From <input id="tf-from" type="date" value=${filter.from} onChange=${update('from')} /></label>
        <label for="tf-to">To <input id="tf-to" type="date" value=${filter.to} onChange=${update('to')} /></label>
        <label for="tf-external">External id <input id="tf-external" value=${filter.externalId} onChange=${update('externalId')} /></label>
        <${SortSelect} id="transaction-sort" value=${sort} fields=${['transactionDate', 'updatedAt', 'externalId', 'total']} onChange=${(v: string) => { setSort(v); setPage(0); }} />
      </form>
      <${ErrorBox} error=${list.error} />
      <div class="table-wrap"><table>
        <thead><tr><th scope="col">Date</th><th scope="col">External id</th><th scope="col">Type</th><th scope="col">Status</th><th scope="col">Currency</th><th scope="col" class="num">Total</th><th scope="col" class="num">Tax</th><th scope="col" class="num">Shipping</th></tr></thead>
        <tbody>${list.data?.content.map(
          (t) => html`<tr>
            <td>${t.transactionDate}</td>
            <td><button type="button" class="link" aria-expanded=${open === t.id} onClick=${() => setOpen(open === t.id ? null : t.id)}>${t.externalId}</button></td>
            <td>${t.type}</td><td><${Badge} value=${t.status} /></td><td>${t.currency ?? '—'}</td>
            <td class="num">${t.total}</td><td class="num">${t.tax}</td><td class="num">${t.shipping}</td>
          </tr>${open === t.id ? html`<tr class="detail-row"><td colspan="8"><${TransactionDetail} connection=${connection} id=${t.id} /></td></tr>` : null}`,
        )}</tbody>
      </table></div>
      ${list.data && list.data.content.length === 0 ? html`<p class="muted">No transactions match.</p>` : null}
      <${Pager} page=${list.data?.page} onPage=${setPage} label="Transactions" />
    </section>`;
}

function TransactionDetail({ connection, id }: { connection: Connection; id: string }) {
  const detail = useLoad(() => ok(api.GET('/connections/{connectionId}/transactions/{transactionId}', { params: { path: { connectionId: connection.id, transactionId: id } } })), [id]);
  const t = detail.data;
  if (detail.error) return html`<${ErrorBox} error=${detail.error} />`;
  if (!t) return html`<p>Loading…</p>`;
  return html`<div class="transaction">
    <p>${t.documentNumber ? `Document ${t.documentNumber} · ` : ''}subtotal ${t.subtotal} · discount ${t.discount} · shipping ${t.shipping} (tax ${t.shippingTax}) · revision ${t.revision}${t.taxExempt ? ' · tax exempt' : ''}</p>
    <table class="compact"><caption>Lines</caption>
      <thead><tr><th scope="col">#</th><th scope="col">SKU</th><th scope="col">Description</th><th scope="col" class="num">Qty</th><th scope="col" class="num">Amount</th><th scope="col" class="num">Discount</th><th scope="col" class="num">Tax</th></tr></thead>
      <tbody>${t.lines.map((l) => html`<tr><td>${l.lineNumber}</td><td>${l.sku ?? ''}</td><td>${l.description ?? ''}</td><td class="num">${l.quantity}</td><td class="num">${l.amount}</td><td class="num">${l.discount}</td><td class="num">${l.tax}</td></tr>`)}</tbody>
    </table>
    ${t.taxes.length ? html`<table class="compact"><caption>Taxes</caption><tbody>${t.taxes.map((x) => html`<tr><th scope="row">${x.name}</th><td>${x.rate ?? ''}</td><td class="num">${x.amount}</td></tr>`)}</tbody></table>` : null}
  </div>`;
}

function Records({ connection }: { connection: Connection }) {
  const importPlugs = connection.plugs.filter((p) => p.direction === 'import').map((p) => p.name);
  const [stream, setStream] = useState(importPlugs[0] ?? '');
  const [pageNumber, setPage] = useState(0);
  const records = useLoad(
    () => ok(api.GET('/connections/{connectionId}/records', { params: { path: { connectionId: connection.id }, query: { stream, pageNumber, pageSize: 20, pageSort: ['updatedAt,DESC'] } } })),
    [connection.id, stream, pageNumber],
  );
  return html`<section aria-labelledby="records-title">
    <h2 id="records-title">Records</h2>
    <form class="filters" onSubmit=${(e: Event) => e.preventDefault()} aria-label="Records">
      <label for="record-stream">Stream <select id="record-stream" value=${stream} onChange=${(e: Event) => { setStream(inputValue(e)); setPage(0); }}>
        ${importPlugs.map((p) => html`<option value=${p}>${p}</option>`)}</select></label>
    </form>
    <${ErrorBox} error=${records.error} />
    <div class="table-wrap"><table>
      <thead><tr><th scope="col">External id</th><th scope="col">Revision</th><th scope="col">Modified at host</th><th scope="col">Stored</th><th scope="col">Data</th></tr></thead>
      <tbody>${records.data?.content.map(
        (r) => html`<tr data-record=${r.externalId}><td><code>${r.externalId}</code></td><td>${r.revision}</td><td>${when(r.sourceModifiedAt as string | null)}</td><td>${when(r.updatedAt)}</td>
          <td><details><summary>${summarize(r.data)}</summary><pre>${JSON.stringify(r.data, null, 2)}</pre></details></td></tr>`,
      )}</tbody>
    </table></div>
    ${records.data && records.data.content.length === 0 ? html`<p class="muted">No records in this stream.</p>` : null}
    <${Pager} page=${records.data?.page} onPage=${setPage} label="Records" />
  </section>`;
}

function summarize(data: unknown): string {
  if (!data || typeof data !== 'object') return String(data);
  return Object.entries(data as Record<string, unknown>)
    .filter(([, v]) => typeof v === 'string' || typeof v === 'number')
    .slice(0, 3)
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join(' · ');
}
