import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiParam, ApiProperty, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Auth, Authenticated, Public } from '../../auth/authenticated.decorator.js';
import { Scope, type Principal } from '../../auth/principal.js';
import { UuidParam } from '../../common/validation.js';
import { OAuthService, type CallbackOutcome } from './oauth.service.js';

export class AuthorizeUrlDto {
  @ApiProperty({ example: 'https://login.bigcommerce.com/oauth2/authorize?client_id=…&state=…' })
  readonly authorizeUrl: string;
}

@ApiTags('connections')
@Controller()
export class OAuthController {
  constructor(private readonly oauth: OAuthService) {}

  /** The URL to open in a popup to authorize the connection at its host (or a 302 there with `redirect=true`). */
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
    const authorizeUrl = await this.oauth.authorizeUrl(principal, id);
    if (redirect === 'true') {
      void reply.redirect(authorizeUrl, 302);
      return undefined;
    }
    return { authorizeUrl };
  }

  /** Where the host sends the browser back. Answers a page that tells the opener and closes itself. */
  @Get('oauth/callback')
  @Public()
  @ApiOkResponse({ description: 'An HTML page for the popup', content: { 'text/html': { schema: { type: 'string' } } } })
  async oauthCallback(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const query = new URLSearchParams(request.url.split('?')[1] ?? '');
    const outcome = await this.oauth.callback(query);
    void reply
      .code(outcome.httpStatus)
      .header('content-type', 'text/html; charset=utf-8')
      .header('content-security-policy', "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'")
      .header('cache-control', 'no-store')
      .send(callbackPage(outcome));
  }
}

/** A minimal page: the message for the person, and `{ connectionId, status }` posted to the opener. */
export function callbackPage(outcome: CallbackOutcome): string {
  const message = JSON.stringify({ connectionId: outcome.connectionId, status: outcome.status }).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Authorization</title>
<style>body{font-family:system-ui,sans-serif;margin:3rem;color:#222}</style></head>
<body><p>${escapeHtml(outcome.message)}</p>
<script>
  if (window.opener) window.opener.postMessage(${message}, '*');
  setTimeout(function () { window.close(); }, ${outcome.status === 'ready' ? 300 : 10000});
</script></body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
