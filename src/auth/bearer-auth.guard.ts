import { Injectable, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { ForbiddenError } from '../common/errors.js';
import { PUBLIC_KEY, SCOPES_KEY } from './authenticated.decorator.js';
import type { Principal, Scope } from './principal.js';
import { UnauthorizedError } from './token-verifier.js';

interface CredentialsView {
  headers: { authorization?: string };
  user?: Principal;
}
const CREDENTIALS = Symbol('credentials');
type RequestWithAuth = { headers: Record<string, string | string[] | undefined>; user?: Principal; [CREDENTIALS]?: CredentialsView };

/**
 * Global guard: every route needs a valid bearer token unless marked `@Public()`, then the
 * scopes declared with `@Authenticated({ scopes })`. Only the Authorization header is shown to
 * passport, so tokens in query strings or bodies (which end up in proxy logs) are not accepted.
 */
@Injectable()
export class BearerAuthGuard extends AuthGuard('bearer') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    await super.canActivate(context);
    const request = context.switchToHttp().getRequest<RequestWithAuth>();
    const principal = request[CREDENTIALS]!.user!;
    request.user = principal;

    const required = this.reflector.getAllAndOverride<Scope[]>(SCOPES_KEY, targets) ?? [];
    const missing = required.filter((scope) => !principal.hasScope(scope));
    if (missing.length > 0) {
      throw new ForbiddenError('AUTH.MISSING_SCOPE', `This operation requires the scope(s): ${missing.join(', ')}`);
    }
    return true;
  }

  override getRequest(context: ExecutionContext): CredentialsView {
    const request = context.switchToHttp().getRequest<RequestWithAuth>();
    const authorization = request.headers.authorization;
    return (request[CREDENTIALS] ??= { headers: { authorization: typeof authorization === 'string' ? authorization : undefined } });
  }

  override handleRequest<T>(error: unknown, user: T): T {
    if (error) throw error;
    if (!user) {
      throw new UnauthorizedError(
        'AUTH.MISSING_TOKEN',
        'A bearer token is required: send the header "Authorization: Bearer <token>"',
      );
    }
    return user;
  }
}
