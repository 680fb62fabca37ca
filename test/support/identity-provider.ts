import { OAuth2Server, type Header, type Payload } from 'oauth2-mock-server';

export const TEST_AUDIENCE = 'connector-hub';

export interface TokenOptions {
  readonly sub?: string;
  readonly scopes?: readonly string[];
  readonly tenants?: readonly string[];
  readonly audience?: string;
  /** Seconds until expiry; negative for an already expired token. */
  readonly expiresIn?: number;
  readonly claims?: Record<string, unknown>;
  readonly kid?: string;
}

/** A real OIDC issuer on 127.0.0.1 (oauth2-mock-server): discovery, JWKS, RS256-signed tokens. */
export class TestIdentityProvider {
  private constructor(private readonly server: OAuth2Server) {}

  static async start(): Promise<TestIdentityProvider> {
    const server = new OAuth2Server();
    await server.issuer.keys.generate('RS256', { kid: 'key-1' });
    await server.start(0, '127.0.0.1');
    return new TestIdentityProvider(server);
  }

  get issuer(): string {
    return this.server.issuer.url!;
  }

  get jwksUrl(): string {
    return `${this.issuer}/jwks`;
  }

  /** Adds a signing key that the service has not seen yet (key rotation at the IdP). */
  async rotateKey(kid: string): Promise<void> {
    await this.server.issuer.keys.generate('RS256', { kid });
  }

  token(options: TokenOptions = {}): Promise<string> {
    const expiresIn = options.expiresIn ?? 3600;
    return this.server.issuer.buildToken({
      kid: options.kid ?? 'key-1',
      expiresIn,
      scopesOrTransform: (_header: Header, payload: Payload) => {
        payload.sub = options.sub ?? 'user1@companyxyz.com';
        payload.aud = options.audience ?? TEST_AUDIENCE;
        if (options.scopes) payload.scope = options.scopes.join(' ');
        if (options.tenants) payload.tenants = [...options.tenants];
        if (expiresIn < 0) payload.nbf = (payload.exp as number) - 60;
        Object.assign(payload, options.claims ?? {});
      },
    });
  }

  stop(): Promise<void> {
    return this.server.stop();
  }
}
