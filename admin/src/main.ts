/** The admin page: sign-in, a hash router and the sections. */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, initAuth, loadPageConfig, oidcEnabled, ok, signInWithOidc, signInWithToken, signOut, type PageConfig, type Principal } from './api.js';
import { ConnectionPage, ConnectionsPage } from './connections.js';
import { IntegrationPage, IntegrationsPage } from './integrations.js';
import { ErrorBox, html, useAction } from './ui.js';

function useRoute(): string[] {
  const read = () => location.hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const listener = () => {
      setRoute(read());
      document.getElementById('main')?.focus();
    };
    window.addEventListener('hashchange', listener);
    return () => window.removeEventListener('hashchange', listener);
  }, []);
  return route;
}

function SignIn({ onSignedIn }: { onSignedIn: (me: Principal) => void }) {
  const [token, setToken] = useState('');
  const paste = useAction(async () => onSignedIn(await signInWithToken(token)));
  const oidc = useAction(() => signInWithOidc());
  return html`<main id="main" class="signin" tabindex="-1">
    <h1>connector-hub admin</h1>
    ${oidcEnabled()
      ? html`<section aria-labelledby="sso-title" class="panel"><h2 id="sso-title">Sign in with your organisation</h2>
          <button type="button" class="primary" disabled=${oidc.busy} onClick=${() => oidc.run()}>Sign in</button><${ErrorBox} error=${oidc.error} /></section>`
      : null}
    <section aria-labelledby="token-title" class="panel">
      <h2 id="token-title">${oidcEnabled() ? 'Or paste a token' : 'Sign in with a token'}</h2>
      <form onSubmit=${(e: Event) => { e.preventDefault(); void paste.run(); }}>
        <div class="field"><label for="token">Bearer token</label>
          <input id="token" type="password" autocomplete="off" required value=${token} onInput=${(e: Event) => setToken((e.currentTarget as HTMLInputElement).value)} aria-describedby="token-help" />
          <small id="token-help">In development, the token printed by <code>npm start</code>. It is kept in this tab only (session storage) and sent as the Authorization header.</small></div>
        <div class="actions"><button type="submit" class="primary" disabled=${paste.busy}>Sign in</button></div>
      </form>
      <${ErrorBox} error=${paste.error} />
    </section>
  </main>`;
}

function Shell({ me, onSignOut }: { me: Principal; onSignOut: () => void }) {
  const route = useRoute();
  const [section, id, tab] = route;
  let page;
  if (section === 'connections' && id) page = html`<${ConnectionPage} key=${id} id=${id} tab=${tab ?? 'overview'} me=${me} />`;
  else if (section === 'connections') page = html`<${ConnectionsPage} me=${me} />`;
  else if (section === 'integrations' && id) page = html`<${IntegrationPage} key=${id} id=${id} me=${me} />`;
  else page = html`<${IntegrationsPage} me=${me} />`;
  const current = section === 'connections' ? 'connections' : 'integrations';
  return html`<a class="skip" href="#main" onClick=${(e: Event) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>Skip to content</a>
    <header class="topbar">
      <span class="brand">connector-hub</span>
      <nav aria-label="Sections">
        <a href="#/integrations" aria-current=${current === 'integrations' ? 'page' : undefined}>Integrations</a>
        <a href="#/connections" aria-current=${current === 'connections' ? 'page' : undefined}>Connections</a>
      </nav>
      <span class="who" title=${me.scopes.join('\n')}>${me.subject}</span>
      <button type="button" onClick=${onSignOut}>Sign out</button>
    </header>
    <main id="main" tabindex="-1">${page}</main>`;
}

function App({ config }: { config: PageConfig }) {
  const [state, setState] = useState<{ me?: Principal; error?: unknown; ready: boolean }>({ ready: false });
  useEffect(() => {
    initAuth(config)
      .then(async (signedIn) => (signedIn ? ok(api.GET('/me')) : undefined))
      .then(
        (me) => setState({ me, ready: true }),
        async (error: unknown) => {
          await signOut();
          setState({ error, ready: true });
        },
      );
  }, []);
  useEffect(() => {
    if (!state.ready) return;
    document.documentElement.dataset.ready = state.me ? 'signed-in' : 'signed-out';
    // For npm run bench:admin: when the first screen takes input.
    if (performance.getEntriesByName('admin-interactive').length === 0) performance.mark('admin-interactive');
  }, [state]);
  if (!state.ready) return html`<p class="boot">Loading…</p>`;
  if (!state.me) {
    return html`<div>${state.error ? html`<div class="signin"><${ErrorBox} error=${state.error} /></div>` : null}<${SignIn} onSignedIn=${(me: Principal) => setState({ me, ready: true })} /></div>`;
  }
  return html`<${Shell} me=${state.me} onSignOut=${async () => { await signOut(); setState({ ready: true }); }} />`;
}

const root = document.getElementById('app')!;
loadPageConfig().then(
  (config) => render(html`<${App} config=${config} />`, root),
  (error: unknown) => render(html`<${ErrorBox} error=${error} />`, root),
);
