/** Scopes as the specs name them. */
export enum Scope {
  TenantIntegrationRead = 'ConnTenantConfigApi:TenantIntegration:Read',
  TenantIntegrationWrite = 'ConnTenantConfigApi:TenantIntegration:Write',
  TenantConfigRead = 'ConnTenantConfigApi:TenantConfig:Read',
  TenantConfigWrite = 'ConnTenantConfigApi:TenantConfig:Write',
  TenantConfigVersionRead = 'ConnTenantConfigApi:TenantConfigVersion:Read',
  TenantConfigReadSensitive = 'ConnTenantConfigApi:TenantConfig:ReadSensitive',
  ConnectionRead = 'ExtractorApi:Connection:Read',
  ConnectionWrite = 'ExtractorApi:Connection:Write',
  SyncWrite = 'ExtractorApi:Sync:Write',
}

const UUID = /^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/;

export const ALL_SCOPES: readonly Scope[] = Object.values(Scope);

/** Who is calling: a person or machine with a JWT, or the TrustFile side with the static token. */
export class Principal {
  private constructor(
    readonly subject: string,
    readonly kind: 'jwt' | 'service',
    readonly scopes: ReadonlySet<string>,
    /** `'all'` for the service token; otherwise the tenant UUIDs (lower case) the caller may act for. */
    readonly tenants: 'all' | ReadonlySet<string>,
  ) {}

  static service(): Principal {
    return new Principal('avalara_to_extractor', 'service', new Set(ALL_SCOPES), 'all');
  }

  static fromClaims(subject: string, scopes: Iterable<string>, tenants: Iterable<string>): Principal {
    // Tenants are UUIDs; anything else in the claim cannot match a tenant and is dropped.
    const valid = [...tenants].map((t) => t.toLowerCase()).filter((t) => UUID.test(t));
    return new Principal(subject, 'jwt', new Set(scopes), new Set(valid));
  }

  hasScope(scope: Scope): boolean {
    return this.scopes.has(scope);
  }

  canActFor(tenant: string): boolean {
    return this.tenants === 'all' || this.tenants.has(tenant.toLowerCase());
  }

  /** The tenant filter for queries: undefined = every tenant. */
  tenantFilter(): string[] | undefined {
    return this.tenants === 'all' ? undefined : [...this.tenants];
  }
}
