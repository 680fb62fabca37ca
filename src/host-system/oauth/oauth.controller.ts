import { Body, Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiForbiddenResponse, ApiOkResponse, ApiParam, ApiProperty, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Auth, Authenticated, Public } from '../../auth/authenticated.decorator.js';
import { Scope, type Principal } from '../../auth/principal.js';
import { BadRequestError, ForbiddenError } from '../../common/errors.js';
import { StringField } from '../../common/fields.js';
import { ProblemDto } from '../../common/problem.js';
import { UuidParam } from '../../common/validation.js';
import { AppConfig } from '../../config/app-config.js';
import { OAuthService, type CallbackOutcome } from './oauth.service.js';

const BINDING_LIFETIME_SECONDS = 10 * 60;

export class AuthorizeUrlDto {
  @ApiProperty({
    example: 'https://login.bigcommerce.com/oauth2/authorize?client_id=…&state=…',
    description: 'The host page to open in a popup. It completes only in the browser that received the binding cookie set by this response',
  })
  readonly authorizeUrl: string;

  @ApiProperty({
    example: 'https://connector-hub.example.com/oauth/start',
    description: 'For an admin UI on another origin: open this in the popup and post it { type: "connector-hub:oauth-start", authorizeUrl, browserBinding }',
  })
  readonly startUrl: string;

  @ApiProperty({ example: 'q3Jd…', description: 'Secret binding this authorization to one browser; give it only to the start page, never put it in a URL' })
  readonly browserBinding: string;
}

export class OAuthStartPayload {
  @StringField({ maxLength: 4096, example: 'https://login.bigcommerce.com/oauth2/authorize?client_id=…&state=…' })
  readonly authorizeUrl: string;

  @StringField({ maxLength: 128, example: 'q3Jd…' })
  readonly browserBinding: string;
}

export class OAuthStartDto {
  @ApiProperty({ example: 'https://login.bigcommerce.com/oauth2/authorize?client_id=…&state=…' })
  readonly authorizeUrl: string;
}

/** The cookie holding one authorization's browser binding; named after its state, so several popups can run at once. */
export function oauthBindingCookie(stateHash: string): string {
  return `ch_oauth_${stateHash.slice(0, 16)}`;
}

@ApiTags('connections')
@Controller()
export class OAuthController {
  constructor(
    private readonly oauth: OAuthService,
    private readonly config: AppConfig,
  ) {}

  /**
   * Starts authorizing the connection at its host: the host URL to open in a popup (or a 302 there
   * with `redirect=true`), and a cookie that binds the authorization to this browser.
   */
  @Get('connections/:connectionId/authorize')
  @Authenticated({ scopes: [Scope.ConnectionWrite] })
  @ApiParam({ name: 'connectionId', format: 'uuid' })
  @ApiQuery({ name: 'redirect', required: false, type: Boolean })
  @ApiOkResponse({ type: AuthorizeUrlDto })
  async authorizeConnection(
    @Auth() principal: Principal,
    @UuidParam('connectionId') id: string,
    @Query('redirect') redirect: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AuthorizeUrlDto | undefined> {
    const start = await this.oauth.authorizeUrl(principal, id);
    this.setBinding(reply, start.stateHash, start.browserBinding);
    void reply.header('cache-control', 'no-store');
    if (redirect === 'true') {
      void reply.redirect(start.authorizeUrl, 302);
      return undefined;
    }
    return { authorizeUrl: start.authorizeUrl, startUrl: `${this.config.publicBaseUrl}/oauth/start`, browserBinding: start.browserBinding };
  }

  /** The popup's first page for an admin UI on another origin: takes the authorization from the opener (ADMIN_ORIGIN). */
  @Get('oauth/start')
  @Public()
  @ApiOkResponse({ description: 'An HTML page for the popup', content: { 'text/html': { schema: { type: 'string' } } } })
  oauthStartPage(@Res() reply: FastifyReply): void {
    sendPage(reply, 200, startPage(this.config.adminOrigin), "connect-src 'self'");
  }

  /** Called by the start page (same origin only): sets the binding cookie and answers the host URL to go to. */
  @Post('oauth/start')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: OAuthStartDto })
  @ApiBadRequestResponse({ type: ProblemDto, description: 'Unknown, expired or mismatched authorization' })
  @ApiForbiddenResponse({ type: ProblemDto, description: 'Not sent by the start page on this origin' })
  async oauthStart(@Body() payload: OAuthStartPayload, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<OAuthStartDto> {
    if (request.headers.origin !== new URL(this.config.publicBaseUrl).origin) {
      throw new ForbiddenError('OAUTH.START_CROSS_ORIGIN', 'An authorization is started only by the start page of this service');
    }
    const bound = await this.oauth.bindBrowser(payload.authorizeUrl, payload.browserBinding);
    if (!bound) throw new BadRequestError('OAUTH.START_INVALID', 'This authorization is unknown, expired or was not issued with this binding: start it again');
    this.setBinding(reply, bound.stateHash, payload.browserBinding);
    void reply.header('cache-control', 'no-store');
    return { authorizeUrl: bound.authorizeUrl };
  }

  /** Where the host sends the browser back. Answers a page that tells the opener and closes itself. */
  @Get('oauth/callback')
  @Public()
  @ApiOkResponse({ description: 'An HTML page for the popup', content: { 'text/html': { schema: { type: 'string' } } } })
  async oauthCallback(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const query = new URLSearchParams(request.url.split('?')[1] ?? '');
    const cookies = parseCookies(request.headers.cookie);
    let usedCookie: string | undefined;
    const outcome = await this.oauth.callback(query, (stateHash) => cookies.get((usedCookie = oauthBindingCookie(stateHash))));
    if (usedCookie && cookies.has(usedCookie) && outcome.connectionId) void reply.header('set-cookie', this.cookie(usedCookie, '', 0));
    sendPage(reply, outcome.httpStatus, callbackPage(outcome, this.config.adminOrigin));
  }

  private setBinding(reply: FastifyReply, stateHash: string, binding: string): void {
    void reply.header('set-cookie', this.cookie(oauthBindingCookie(stateHash), binding, BINDING_LIFETIME_SECONDS));
  }

  private cookie(name: string, value: string, maxAge: number): string {
    const base = new URL(this.config.publicBaseUrl);
    const path = `${base.pathname.replace(/\/+$/, '')}/oauth`;
    return `${name}=${value}; Path=${path}; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${base.protocol === 'https:' ? '; Secure' : ''}`;
  }
}

function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index > 0) cookies.set(part.slice(0, index).trim(), part.slice(index + 1).trim());
  }
  return cookies;
}

function sendPage(reply: FastifyReply, status: number, html: string, extraCsp = ''): void {
  void reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', `default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; frame-ancestors 'none'${extraCsp ? `; ${extraCsp}` : ''}`)
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .send(html);
}

/** Inline data for a script: JSON with `<` escaped, so it cannot close the script element. */
function scriptValue(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

const PAGE_HEAD = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Authorization</title>
<style>body{font-family:system-ui,sans-serif;margin:3rem;color:#222}</style></head>`;

/**
 * The start page: tells the opener it is ready (only an opener at ADMIN_ORIGIN hears it), takes
 * `{ authorizeUrl, browserBinding }` only from that origin, has the binding cookie set by a
 * same-origin request and goes on to the host.
 */
export function startPage(adminOrigin: string): string {
  return `${PAGE_HEAD}
<body><p id="m">Starting the authorization…</p>
<script>
(function () {
  var admin = ${scriptValue(adminOrigin)};
  function fail(text) { document.getElementById('m').textContent = text; }
  if (!window.opener) { fail('Start the authorization from the admin page.'); return; }
  window.addEventListener('message', function (event) {
    var data = event.data;
    if (event.origin !== admin || !data || data.type !== 'connector-hub:oauth-start') return;
    fetch('start', { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ authorizeUrl: String(data.authorizeUrl), browserBinding: String(data.browserBinding) }) })
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
      .then(function (body) { window.location.replace(body.authorizeUrl); },
            function () { fail('The authorization could not be started. Start it again from the admin page.'); });
  });
  window.opener.postMessage({ type: 'connector-hub:oauth-ready' }, admin);
})();
</script></body></html>`;
}

/** A minimal page: the message for the person, and `{ connectionId, status }` posted to the opener at ADMIN_ORIGIN. */
export function callbackPage(outcome: CallbackOutcome, adminOrigin: string): string {
  const message = scriptValue({ connectionId: outcome.connectionId, status: outcome.status });
  return `${PAGE_HEAD}
<body><p>${escapeHtml(outcome.message)}</p>
<script>
  if (window.opener) window.opener.postMessage(${message}, ${scriptValue(adminOrigin)});
  setTimeout(function () { window.close(); }, ${outcome.status === 'ready' ? 300 : 10000});
</script></body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
