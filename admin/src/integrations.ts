/** Tenant integrations and their configs: lists, editing, history with diffs and restore, conflicts. */
import { useState } from 'preact/hooks';
import { api, can, ifMatch, ok, ProblemError, SCOPES, type Principal, type Schemas } from './api.js';
import { str, Badge, DiffTable, diff, ErrorBox, formValues, html, inputValue, checked, Pager, SortSelect, useAction, useLoad, when } from './ui.js';

type Integration = Schemas['TenantIntegrationDto'];
type Config = Schemas['TenantConfigDto'];
type ConfigVersion = Schemas['TenantConfigVersionDto'];
type ConnectorId = Schemas['TenantIntegrationPayload']['connector'];

const CONNECTORS: ConnectorId[] = ['BIGCOMMERCE_OSERIES', 'SAPTAX_OSERIES', 'ARIBA2_OSERIES'];
const INTEGRATION_SORTS = ['updatedAt', 'createdAt', 'name', 'connector', 'clientName', 'tenantName', 'partnerTenantName', 'mode'];
const CONFIG_SORTS = ['updatedAt', 'createdAt', 'name', 'group', 'label', 'version'];
const CONFIG_FIELDS = ['group', 'name', 'label', 'description', 'value', 'sensitive'];

export function IntegrationsPage({ me }: { me: Principal }) {
  const [connector, setConnector] = useState('');
  const [sort, setSort] = useState('updatedAt,DESC');
  const [pageNumber, setPage] = useState(0);
  const [pageSize, setPageSize] = useState(20);
  const list = useLoad(
    () => ok(api.GET('/tenantintegrations', { params: { query: { connector: (connector || undefined) as ConnectorId | undefined, pageSort: [sort], pageNumber, pageSize } } })),
    [connector, sort, pageNumber, pageSize],
  );
  return html`<section aria-labelledby="integrations-title">
    <h1 id="integrations-title">Tenant integrations</h1>
    <form class="filters" onSubmit=${(e: Event) => e.preventDefault()} aria-label="Filter integrations">
      <label for="integration-connector">Connector
        <select id="integration-connector" value=${connector} onChange=${(e: Event) => { setConnector(inputValue(e)); setPage(0); }}>
          <option value="">All</option>
          ${CONNECTORS.map((c) => html`<option value=${c}>${c}</option>`)}
        </select></label>
      <${SortSelect} id="integration-sort" value=${sort} fields=${INTEGRATION_SORTS} onChange=${(v: string) => { setSort(v); setPage(0); }} />
      <label for="integration-size">Per page
        <select id="integration-size" value=${String(pageSize)} onChange=${(e: Event) => { setPageSize(Number(inputValue(e))); setPage(0); }}>
          ${[10, 20, 50, 100].map((n) => html`<option value=${String(n)}>${n}</option>`)}
        </select></label>
    </form>
    <${ErrorBox} error=${list.error} />
    <div class="table-wrap"><table>
      <caption class="visually-hidden">Tenant integrations</caption>
      <thead><tr><th scope="col">Name</th><th scope="col">Tenant</th><th scope="col">Connector</th><th scope="col">Mode</th><th scope="col">Update in progress</th><th scope="col">Updated</th></tr></thead>
      <tbody>${list.data?.content.map(
        (i) => html`<tr>
          <td><a href=${`#/integrations/${i.id}`}>${i.name}</a></td>
          <td>${i.tenantName ?? i.tenant}</td><td>${i.connector}</td><td><${Badge} value=${i.mode} /></td>
          <td><${Badge} value=${i.updateInProgress} /></td><td>${when(i.updatedAt)}</td>
        </tr>`,
      )}</tbody>
    </table></div>
    ${list.data && list.data.content.length === 0 ? html`<p class="muted">No integrations match.</p>` : null}
    <${Pager} page=${list.data?.page} onPage=${setPage} label="Integrations" />
    ${can(me, SCOPES.integrationWrite) ? html`<${CreateIntegration} />` : null}
  </section>`;
}

function CreateIntegration() {
  const create = useAction(async (values: Record<string, string>) => {
    const body = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== '')) as unknown as Schemas['TenantIntegrationPayload'];
    const created = await ok(api.POST('/tenantintegrations', { body }));
    location.hash = `#/integrations/${created.id}`;
  });
  return html`<details class="panel"><summary>New integration</summary>
    <form class="grid-form" onSubmit=${(e: Event) => create.run(formValues(e))}>
      ${textField('ni-name', 'name', 'Name', true)}
      ${textField('ni-tenant', 'tenant', 'Tenant (UUID)', true)}
      ${textField('ni-tenant-name', 'tenantName', 'Tenant name')}
      ${textField('ni-client', 'client', 'Client (UUID)')}
      ${textField('ni-client-name', 'clientName', 'Client name')}
      ${textField('ni-partner', 'partnerTenant', 'Partner tenant')}
      ${textField('ni-partner-name', 'partnerTenantName', 'Partner tenant name')}
      <div class="field"><label for="ni-connector">Connector *</label>
        <select id="ni-connector" name="connector" required>${CONNECTORS.map((c) => html`<option value=${c}>${c}</option>`)}</select></div>
      <div class="actions"><button type="submit" class="primary" disabled=${create.busy}>Create integration</button></div>
      <${ErrorBox} error=${create.error} />
    </form></details>`;
}

function textField(id: string, name: string, label: string, required = false, value = '') {
  // defaultValue, not value: a re-render (after an error, say) keeps what the person typed.
  return html`<div class="field"><label for=${id}>${label}${required ? ' *' : ''}</label><input id=${id} name=${name} required=${required} defaultValue=${value} autocomplete="off" /></div>`;
}

export function IntegrationPage({ id, me }: { id: string; me: Principal }) {
  const integration = useLoad(() => ok(api.GET('/tenantintegrations/{tenantintegration}', { params: { path: { tenantintegration: id } } })), [id]);
  const i = integration.data;
  return html`<section aria-labelledby="integration-title">
    <p><a href="#/integrations">← Integrations</a></p>
    <${ErrorBox} error=${integration.error} />
    ${i
      ? html`<h1 id="integration-title">${i.name}</h1>
        <dl class="facts">
          <div><dt>Tenant</dt><dd>${i.tenantName ?? '—'} <code>${i.tenant}</code></dd></div>
          <div><dt>Connector</dt><dd>${i.connector}${i.connectorVersion ? ` ${i.connectorVersion}` : ''}</dd></div>
          <div><dt>Mode</dt><dd><${Badge} value=${i.mode} /></dd></div>
          <div><dt>Update in progress</dt><dd data-testid="update-in-progress"><${Badge} value=${i.updateInProgress} /></dd></div>
          <div><dt>Version</dt><dd>${i.version} · updated ${when(i.updatedAt)} by ${i.updatedBy}</dd></div>
        </dl>
        <${InstallSteps} integration=${i} />
        <${Configs} integration=${i} me=${me} />`
      : integration.loading ? html`<p>Loading…</p>` : null}
  </section>`;
}

function InstallSteps({ integration }: { integration: Integration }) {
  return html`<section aria-labelledby="install-title" class="panel">
    <h2 id="install-title">Install steps</h2>
    ${integration.install.length === 0
      ? html`<p class="muted">No install steps.</p>`
      : html`<ol class="steps">${integration.install.map(
          (step) => html`<li class=${step.completed ? 'done' : 'todo'}>
            <span class="step-state" aria-label=${step.completed ? 'completed' : 'not completed'}>${step.completed ? '✔' : '○'}</span>
            <strong>${step.name}</strong>${step.description ? html` — ${step.description}` : null}
            ${step.installURL ? html` <a href=${step.installURL} rel="noopener noreferrer" target="_blank">open</a>` : null}
            ${step.connectionId ? html` <a href=${`#/connections/${step.connectionId}`}>connection</a>` : null}
          </li>`,
        )}</ol>`}
  </section>`;
}

function Configs({ integration, me }: { integration: Integration; me: Principal }) {
  const [group, setGroup] = useState('');
  const [name, setName] = useState('');
  const [sort, setSort] = useState('updatedAt,DESC');
  const [pageNumber, setPage] = useState(0);
  const [reveal, setReveal] = useState(false);
  const [editing, setEditing] = useState<Config | null>(null);
  const [history, setHistory] = useState<Config | null>(null);
  const mayReveal = can(me, SCOPES.readSensitive);
  const mayWrite = can(me, SCOPES.configWrite);
  const path = { tenantintegration: integration.id };
  const list = useLoad(
    () => ok(api.GET('/tenantintegrations/{tenantintegration}/configs', {
      params: { path, query: { group: group || undefined, name: name || undefined, pageSort: [sort], pageNumber, pageSize: 20, reveal: reveal || undefined } },
    })),
    [integration.id, group, name, sort, pageNumber, reveal],
  );
  const remove = useAction(async (config: Config) => {
    if (!confirm(`Delete the config ${config.name}?`)) return;
    await ok(api.DELETE('/tenantintegrations/{tenantintegration}/configs/{config}', { params: { path: { ...path, config: config.id }, header: { 'if-match': ifMatch(config.version) } } }));
    list.reload();
  });
  const done = () => {
    setEditing(null);
    list.reload();
  };
  return html`<section aria-labelledby="configs-title" class="panel">
    <h2 id="configs-title">Configs</h2>
    <form class="filters" onSubmit=${(e: Event) => e.preventDefault()} aria-label="Filter configs">
      <label for="config-group">Group <input id="config-group" value=${group} onChange=${(e: Event) => { setGroup(inputValue(e)); setPage(0); }} /></label>
      <label for="config-name">Name <input id="config-name" value=${name} onChange=${(e: Event) => { setName(inputValue(e)); setPage(0); }} /></label>
      <${SortSelect} id="config-sort" value=${sort} fields=${CONFIG_SORTS} onChange=${(v: string) => { setSort(v); setPage(0); }} />
      ${mayReveal
        ? html`<label for="config-reveal" class="check"><input id="config-reveal" type="checkbox" checked=${reveal} onChange=${(e: Event) => setReveal(checked(e))} /> Reveal sensitive values</label>`
        : null}
    </form>
    <${ErrorBox} error=${list.error ?? remove.error} />
    <div class="table-wrap"><table>
      <caption class="visually-hidden">Configs of ${integration.name}</caption>
      <thead><tr><th scope="col">Group</th><th scope="col">Name</th><th scope="col">Label</th><th scope="col">Value</th><th scope="col">Version</th><th scope="col">Updated</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
      <tbody>${list.data?.content.map(
        (c) => html`<tr data-config=${c.name}>
          <td>${c.group ?? '—'}</td><td><code>${c.name}</code></td><td>${c.label ?? ''}</td>
          <td class="value">${c.sensitive ? html`<span class="badge badge-sensitive">sensitive</span> ` : null}<span data-value>${c.value ?? '∅'}</span></td>
          <td>${c.version}</td><td>${when(c.updatedAt)} · ${c.updatedBy}</td>
          <td class="row-actions">
            ${mayWrite ? html`<button type="button" onClick=${() => { setHistory(null); setEditing(c); }} aria-label=${`Edit ${c.name}`}>Edit</button>` : null}
            <button type="button" onClick=${() => { setEditing(null); setHistory(c); }} aria-label=${`History of ${c.name}`}>History</button>
            ${mayWrite ? html`<button type="button" class="danger" onClick=${() => remove.run(c)} aria-label=${`Delete ${c.name}`}>Delete</button>` : null}
          </td>
        </tr>`,
      )}</tbody>
    </table></div>
    ${list.data && list.data.content.length === 0 ? html`<p class="muted">No configs.</p>` : null}
    <${Pager} page=${list.data?.page} onPage=${setPage} label="Configs" />
    ${editing ? html`<${ConfigEditor} key=${editing.id + editing.version} integration=${integration} config=${editing} reveal=${reveal} onDone=${done} onCancel=${() => setEditing(null)} />` : null}
    ${history ? html`<${ConfigHistory} key=${history.id} integration=${integration} config=${history} reveal=${reveal && mayReveal} mayWrite=${mayWrite} onRestored=${() => list.reload()} onClose=${() => setHistory(null)} />` : null}
    ${mayWrite ? html`<${CreateConfig} integration=${integration} onCreated=${() => list.reload()} />` : null}
  </section>`;
}

function CreateConfig({ integration, onCreated }: { integration: Integration; onCreated: () => void }) {
  const [open, setOpen] = useState(false);
  const create = useAction(async (form: HTMLFormElement, values: Record<string, string>) => {
    await ok(api.POST('/tenantintegrations/{tenantintegration}/configs', {
      params: { path: { tenantintegration: integration.id } },
      body: {
        name: values.name,
        group: values.group || undefined,
        label: values.label || undefined,
        description: values.description || undefined,
        value: values.value,
        sensitive: values.sensitive === 'on',
      },
    }));
    form.reset();
    onCreated();
  });
  return html`<details class="panel" open=${open} onToggle=${(e: Event) => setOpen((e.currentTarget as HTMLDetailsElement).open)}><summary>New config</summary>
    <form class="grid-form" onSubmit=${(e: Event) => create.run(e.currentTarget as HTMLFormElement, formValues(e))}>
      ${textField('nc-group', 'group', 'Group')}
      ${textField('nc-name', 'name', 'Name', true)}
      ${textField('nc-label', 'label', 'Label')}
      ${textField('nc-description', 'description', 'Description')}
      <div class="field"><label for="nc-value">Value</label><input id="nc-value" name="value" autocomplete="off" /></div>
      <div class="field field-check"><label for="nc-sensitive"><input id="nc-sensitive" name="sensitive" type="checkbox" /> Sensitive (encrypted, shown masked)</label></div>
      <div class="actions"><button type="submit" class="primary" disabled=${create.busy}>Create config</button></div>
      <${ErrorBox} error=${create.error} />
    </form></details>`;
}

interface Conflict {
  readonly mine: Record<string, unknown>;
  readonly base: Config;
  readonly current: Config;
}

/**
 * Edits a config with If-Match. A 409 shows what changed meanwhile (the version the edit started
 * from against the current one) and the edit itself, and lets the person apply it on top.
 */
function ConfigEditor({ integration, config, reveal, onDone, onCancel }: { integration: Integration; config: Config; reveal: boolean; onDone: () => void; onCancel: () => void }) {
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const masked = config.sensitive && !reveal;
  const path = { tenantintegration: integration.id, config: config.id };
  const put = (version: number, body: Record<string, unknown>) =>
    ok(api.PUT('/tenantintegrations/{tenantintegration}/configs/{config}', {
      params: { path, header: { 'if-match': ifMatch(version) } },
      body: body as Schemas['TenantConfigPayload'],
    }));
  const save = useAction(async (values: Record<string, string>) => {
    const mine: Record<string, unknown> = {
      name: config.name,
      group: values.group || undefined,
      label: values.label || undefined,
      description: values.description || undefined,
      sensitive: values.sensitive === 'on',
    };
    // A masked value left empty keeps the stored one (the API keeps it when the value is omitted).
    if (!(masked && values.value === '')) mine.value = values.value;
    try {
      await put(config.version, mine);
      onDone();
    } catch (error) {
      // A version conflict (someone saved meanwhile) is resolved here; other 409s (an update in
      // progress, a duplicate name) are shown as they are.
      if (error instanceof ProblemError && error.status === 409 && (error.problem as { code?: string }).code === 'RESOURCE.VERSION_CONFLICT') {
        const current = await ok(api.GET('/tenantintegrations/{tenantintegration}/configs/{config}', { params: { path, query: { reveal: reveal || undefined } } }));
        setConflict({ mine, base: config, current });
        return;
      }
      throw error;
    }
  });
  const reapply = useAction(async () => {
    if (!conflict) return;
    await put(conflict.current.version, conflict.mine);
    onDone();
  });
  return html`<section class="panel editor" aria-labelledby="edit-title">
    <h3 id="edit-title">Edit <code>${config.name}</code> <span class="muted">(version ${config.version})</span></h3>
    ${conflict
      ? html`<div class="conflict" role="alert" aria-labelledby="conflict-title">
          <h4 id="conflict-title">Changed meanwhile</h4>
          <p>${conflict.current.updatedBy} saved version ${conflict.current.version} at ${when(conflict.current.updatedAt)} while you were editing version ${conflict.base.version}.</p>
          <${DiffTable} caption="What changed meanwhile" before=${`version ${conflict.base.version}`} after=${`version ${conflict.current.version} (current)`}
            rows=${diff(conflict.base as Record<string, unknown>, conflict.current as Record<string, unknown>, CONFIG_FIELDS)} />
          <${DiffTable} caption="Your edit against the current version" before="current" after="your edit"
            rows=${diff(conflict.current as Record<string, unknown>, { ...conflict.current, ...conflict.mine }, CONFIG_FIELDS)} />
          <div class="actions">
            <button type="button" class="primary" disabled=${reapply.busy} onClick=${() => reapply.run()}>Reapply my edit on version ${conflict.current.version}</button>
            <button type="button" onClick=${onCancel}>Discard my edit</button>
          </div>
          <${ErrorBox} error=${reapply.error} />
        </div>`
      : html`<form class="grid-form" onSubmit=${(e: Event) => save.run(formValues(e))}>
          ${textField('ec-group', 'group', 'Group', false, str(config.group) ?? '')}
          ${textField('ec-label', 'label', 'Label', false, str(config.label) ?? '')}
          ${textField('ec-description', 'description', 'Description', false, str(config.description) ?? '')}
          <div class="field"><label for="ec-value">Value</label>
            <input id="ec-value" name="value" autocomplete="off" type=${config.sensitive ? 'password' : 'text'} defaultValue=${masked ? '' : str(config.value) ?? ''}
              placeholder=${masked ? 'unchanged (type to replace)' : ''} aria-describedby=${masked ? 'ec-value-help' : undefined} />
            ${masked ? html`<small id="ec-value-help">The stored value is masked; leave empty to keep it.</small>` : null}</div>
          <div class="field field-check"><label for="ec-sensitive"><input id="ec-sensitive" name="sensitive" type="checkbox" defaultChecked=${config.sensitive} /> Sensitive</label></div>
          <div class="actions"><button type="submit" class="primary" disabled=${save.busy}>Save</button><button type="button" onClick=${onCancel}>Cancel</button></div>
        </form>`}
    <${ErrorBox} error=${save.error} />
  </section>`;
}

/** A config's versions, a diff between any two, and restore of an earlier one. */
function ConfigHistory({ integration, config, reveal, mayWrite, onRestored, onClose }: {
  integration: Integration; config: Config; reveal: boolean; mayWrite: boolean; onRestored: () => void; onClose: () => void;
}) {
  const path = { tenantintegration: integration.id, config: config.id };
  const versions = useLoad(
    () => ok(api.GET('/tenantintegrations/{tenantintegration}/configs/{config}/versions', { params: { path, query: { pageSort: ['version,DESC'], pageSize: 100, reveal: reveal || undefined } } })),
    [config.id, reveal],
  );
  const [picked, setPicked] = useState<{ a?: number; b?: number }>({});
  const rows = versions.data?.content ?? [];
  const newer = rows.find((v) => v.version === (picked.b ?? rows[0]?.version));
  const older = rows.find((v) => v.version === (picked.a ?? rows[1]?.version));
  const restore = useAction(async (version: ConfigVersion) => {
    const current = await ok(api.GET('/tenantintegrations/{tenantintegration}/configs/{config}', { params: { path } }));
    await ok(api.POST('/tenantintegrations/{tenantintegration}/configs/{config}/versions/{version}/restore', {
      params: { path: { ...path, version: version.version }, header: { 'if-match': ifMatch(current.version) } },
    }));
    setPicked({});
    versions.reload();
    onRestored();
  });
  return html`<section class="panel history" aria-labelledby="history-title">
    <h3 id="history-title">History of <code>${config.name}</code></h3>
    <${ErrorBox} error=${versions.error ?? restore.error} />
    <div class="table-wrap"><table>
      <caption class="visually-hidden">Versions of ${config.name}</caption>
      <thead><tr><th scope="col">Version</th><th scope="col">Operation</th><th scope="col">Value</th><th scope="col">By</th><th scope="col">At</th><th scope="col">Compare</th><th scope="col"><span class="visually-hidden">Restore</span></th></tr></thead>
      <tbody>${rows.map(
        (v, index) => html`<tr data-version=${v.version}>
          <td>${v.version}</td><td><${Badge} value=${v.operation} /></td><td><span data-value>${v.value ?? '∅'}</span></td><td>${v.updatedBy}</td><td>${when(v.updatedAt)}</td>
          <td class="compare">
            <label><input type="radio" name="diff-a" checked=${older?.version === v.version} onChange=${() => setPicked((p) => ({ ...p, a: v.version }))} /> from</label>
            <label><input type="radio" name="diff-b" checked=${newer?.version === v.version} onChange=${() => setPicked((p) => ({ ...p, b: v.version }))} /> to</label>
          </td>
          <td>${mayWrite && index > 0 && v.operation !== 'delete'
            ? html`<button type="button" disabled=${restore.busy} onClick=${() => restore.run(v)} aria-label=${`Restore version ${v.version}`}>Restore</button>`
            : null}</td>
        </tr>`,
      )}</tbody>
    </table></div>
    ${older && newer
      ? html`<${DiffTable} caption=${`Changes from version ${older.version} to version ${newer.version}`} before=${`version ${older.version}`} after=${`version ${newer.version}`}
          rows=${diff(older as Record<string, unknown>, newer as Record<string, unknown>, CONFIG_FIELDS)} />
        ${!reveal && (older.sensitive || newer.sensitive) ? html`<p class="muted">Sensitive values are masked; reveal them to compare the values.</p>` : null}`
      : null}
    <div class="actions"><button type="button" onClick=${onClose}>Close history</button></div>
  </section>`;
}
