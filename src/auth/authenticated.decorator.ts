import { applyDecorators, createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ProblemDto } from '../common/problem.js';
import type { Principal, Scope } from './principal.js';

export const PUBLIC_KEY = 'auth:public';
export const SCOPES_KEY = 'auth:scopes';

export interface AuthenticatedOptions {
  /** Every one of these scopes is required. */
  readonly scopes?: readonly Scope[];
}

/**
 * A bearer token is required (the global guard enforces it on every route not marked
 * `@Public()`); this adds the required scopes and documents both in the OpenAPI document.
 */
export function Authenticated(options: AuthenticatedOptions = {}): MethodDecorator & ClassDecorator {
  const scopes = options.scopes ?? [];
  return applyDecorators(
    SetMetadata(SCOPES_KEY, scopes),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'Missing or invalid bearer token', type: ProblemDto }),
    ...(scopes.length > 0
      ? [ApiForbiddenResponse({ description: `Requires the scope(s): ${scopes.join(', ')}`, type: ProblemDto })]
      : []),
  );
}

/** Reachable without a bearer token (health checks, the OAuth callback). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_KEY, true);

/** The authenticated caller. */
export const Auth = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  return context.switchToHttp().getRequest<{ user: Principal }>().user;
});
