import type { DataSource } from '../datasource/typeorm-types';
import type { KeyTuple } from './key-range';
import type { KeysetQuery } from './keyset-query';

/** Reads the next batch of rows (as arrays in column order) after a key. */
export type BatchReader = (after: KeyTuple | null, through: KeyTuple | null) => Promise<unknown[][]>;

interface SqliteStatement {
  raw(on: boolean): SqliteStatement;
  all(...parameters: unknown[]): unknown[][];
}

export function createBatchReader(dataSource: DataSource, query: KeysetQuery, columnCount: number): BatchReader {
  const connection = (dataSource.driver as unknown as { databaseConnection?: { prepare?: (sql: string) => SqliteStatement } })
    .databaseConnection;
  if (dataSource.options.type === 'better-sqlite3' && typeof connection?.prepare === 'function') {
    // better-sqlite3 directly: prepared once, rows as arrays, no per-query wrapping.
    const first = connection.prepare(query.first).raw(true);
    const next = connection.prepare(query.next).raw(true);
    return async (after, through) => {
      const parameters = [...(after ?? []), ...(through ?? [])];
      return after ? next.all(...parameters) : first.all(...parameters);
    };
  }
  return async (after, through) => {
    const parameters = [...(after ?? []), ...(through ?? [])];
    const rows = (await dataSource.query(after ? query.next : query.first, parameters)) as Record<string, unknown>[];
    return rows.map((row) => {
      const values = Object.values(row);
      return values.length === columnCount ? values : values.slice(0, columnCount);
    });
  };
}
