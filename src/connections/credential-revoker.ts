/**
 * Revokes a connection's authorization at its host (Square's revoke endpoint), before the
 * credentials are deleted here. Provided by the host-system module, which sits above connections:
 * connections asks for it by this token instead of importing it.
 */
export const CREDENTIAL_REVOKER = Symbol('CredentialRevoker');

export interface CredentialRevoker {
  /** True when the host was told; false when the host has no revocation (API keys, most OAuth apps). */
  revokeAtHost(connectionId: string): Promise<boolean>;
}
