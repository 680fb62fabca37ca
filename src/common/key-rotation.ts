import type { DataSource } from 'typeorm';
import type { CryptoService } from './crypto.service.js';

/** A column holding CryptoService envelopes, and the SQL expression of each row's associated data. */
export interface EncryptedColumn {
  readonly table: string;
  readonly column: string;
  readonly associatedData: string;
  /** Primary key column; default `id`. */
  readonly idColumn?: string;
}

/** Every encrypted column of the schema; a module that stores ciphertexts adds its columns here. */
export const ENCRYPTED_COLUMNS: readonly EncryptedColumn[] = [
  { table: 'tenant_configs', column: 'value_encrypted', associatedData: `'tenant-config:' || id` },
  { table: 'tenant_config_versions', column: 'value_encrypted', associatedData: `'tenant-config:' || tenant_config_id` },
  { table: 'connection_credentials', column: 'secret_encrypted', associatedData: `'connection-credentials:' || connection_id`, idColumn: 'connection_id' },
];

export interface RotationResult {
  readonly table: string;
  /** Rows re-encrypted under the active key. */
  readonly rotated: number;
  /** Rows changed by someone else meanwhile (written under the active key already). */
  readonly skipped: number;
}

/**
 * Re-encrypts every stored value that is not under the active key, in batches of `batchSize`
 * rows, each batch in its own transaction. A row is only replaced if it still holds the
 * ciphertext that was read, so concurrent writes win and reads never see a broken value.
 * Rerunning continues where an interrupted run stopped.
 */
export async function rotateKeys(
  dataSource: DataSource,
  crypto: CryptoService,
  options: { batchSize?: number; columns?: readonly EncryptedColumn[]; onBatch?: (table: string, rotated: number) => void } = {},
): Promise<RotationResult[]> {
  const batchSize = options.batchSize ?? 500;
  const results: RotationResult[] = [];
  for (const { table, column, associatedData, idColumn = 'id' } of options.columns ?? ENCRYPTED_COLUMNS) {
    let rotated = 0;
    let skipped = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows: Array<{ id: string; envelope: string; aad: string }> = await dataSource.query(
        `SELECT ${idColumn} AS id, ${column} AS envelope, ${associatedData} AS aad FROM ${table}
         WHERE ${column} IS NOT NULL AND split_part(${column}, ':', 2) <> $1 AND ${idColumn} > $2
         ORDER BY ${idColumn} LIMIT $3`,
        [crypto.activeKeyId, after, batchSize],
      );
      if (rows.length === 0) break;
      await dataSource.transaction(async (manager) => {
        for (const row of rows) {
          const replacement = crypto.encrypt(crypto.decrypt(row.envelope, row.aad), row.aad);
          const [, count]: [unknown, number] = await manager.query(
            `UPDATE ${table} SET ${column} = $3 WHERE ${idColumn} = $1 AND ${column} = $2`,
            [row.id, row.envelope, replacement],
          );
          if (count === 1) rotated += 1;
          else skipped += 1;
        }
      });
      after = rows[rows.length - 1].id;
      options.onBatch?.(table, rotated);
    }
    results.push({ table, rotated, skipped });
  }
  return results;
}
