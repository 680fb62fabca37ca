import { Controller, Get, Headers, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/authenticated.decorator.js';
import { ALL_SCOPES } from '../auth/principal.js';
import { NotFoundError, ServiceUnavailableError } from '../common/errors.js';
import { AppConfig } from '../config/app-config.js';
import { AdminAssets, type AdminFile } from './admin-assets.js';

/** What the page needs to know before signing in (served as a file: the page runs no inline script). */
export interface AdminPageConfig {
  readonly oidc: { readonly authority: string; readonly clientId: string; readonly scope: string } | null;
}

/**
 * The admin page: static files of the build, same origin as the API. Not part of the API
 * document. The page's own CSP allows scripts and styles from this origin only, and API calls to
 * this origin and the identity provider.
 */
@ApiExcludeController()
@Public()
@Controller('admin')
export class AdminController {
  constructor(
    private readonly assets: AdminAssets,
    private readonly config: AppConfig,
  ) {}

  @Get()
  index(@Headers('accept-encoding') encoding: string | undefined, @Headers('if-none-match') etag: string | undefined, @Res() reply: FastifyReply): void {
    this.send(reply, this.find('index.html'), encoding, etag);
  }

  @Get('config.json')
  pageConfig(@Res() reply: FastifyReply): void {
    const { issuer, oidcClientId } = { issuer: this.config.auth.issuer, oidcClientId: this.config.adminOidcClientId };
    const body: AdminPageConfig = {
      oidc: issuer && oidcClientId ? { authority: issuer, clientId: oidcClientId, scope: ['openid', ...ALL_SCOPES].join(' ') } : null,
    };
    void reply.header('cache-control', 'no-store').header('content-type', 'application/json; charset=utf-8').send(JSON.stringify(body));
  }

  @Get('assets/:file')
  asset(
    @Param('file') file: string,
    @Headers('accept-encoding') encoding: string | undefined,
    @Headers('if-none-match') etag: string | undefined,
    @Res() reply: FastifyReply,
  ): void {
    this.send(reply, this.find(`assets/${file}`), encoding, etag);
  }

  private find(name: string): AdminFile {
    const file = this.assets.file(name);
    if (file === null) throw new ServiceUnavailableError('ADMIN.NOT_BUILT', 'The admin page has not been built: run "npm run build:admin"');
    if (!file) throw new NotFoundError('ADMIN.NOT_FOUND', 'Admin page file', name);
    return file;
  }

  private send(reply: FastifyReply, file: AdminFile, acceptEncoding = '', ifNoneMatch?: string): void {
    void reply
      .header('content-type', file.type)
      .header('etag', file.etag)
      .header('vary', 'accept-encoding')
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    if (file.type.startsWith('text/html')) {
      void reply
        .header('content-security-policy', this.csp())
        .header('referrer-policy', 'no-referrer')
        .header('x-frame-options', 'DENY')
        // The OAuth popup it opens goes to the host and back; same-origin would cut the popup off from this page.
        .header('cross-origin-opener-policy', 'same-origin-allow-popups');
    }
    if (ifNoneMatch === file.etag) {
      void reply.code(304).send();
      return;
    }
    const accepts = (name: string) => new RegExp(`(^|[\\s,])${name}(?![\\w-])(?!;\\s*q=0(\\.0*)?(\\s|,|$))`).test(acceptEncoding);
    if (file.br && accepts('br')) void reply.header('content-encoding', 'br').send(file.br);
    else if (file.gzip && accepts('gzip')) void reply.header('content-encoding', 'gzip').send(file.gzip);
    else void reply.send(file.body);
  }

  private csp(): string {
    const connect = ["'self'"];
    if (this.config.adminOidcClientId && this.config.auth.issuer) connect.push(new URL(this.config.auth.issuer).origin);
    return [
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data:",
      `connect-src ${connect.join(' ')}`,
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
    ].join('; ');
  }
}
