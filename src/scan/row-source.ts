import type { ReadConnection } from '../consistency/read-connection';
import type { KeyTuple } from './key-range';
import type { KeysetQuery } from './keyset-query';

/** Reads the next batch of rows (as arrays in column order) after a key. */
export type BatchReader = (after: KeyTuple | null, through: KeyTuple | null) => Promise<unknown[][]>;

/** One piece's rows in key order, a batch per call (`after`: the key of the last row read); close() ends what it holds open. */
export interface PieceReader {
  next(after: KeyTuple | null): Promise<unknown[][]>;
  close(): Promise<void>;
}

interface SqliteStatement {
  raw(on: boolean): SqliteStatement;
  all(...parameters: unknown[]): unknown[][];
}

/** Every batch goes through the process's one read connection (and so its snapshot). */
export function createBatchReader(connection: ReadConnection, query: KeysetQuery): BatchReader {
  const { dataSource } = connection;
  const sqlite = (dataSource.driver as unknown as { databaseConnection?: { prepare?: (sql: string) => SqliteStatement } })
    .databaseConnection;
  if (dataSource.options.type === 'better-sqlite3' && typeof sqlite?.prepare === 'function') {
    // better-sqlite3 directly (a single connection, like the query runner's): prepared once,
    // rows as arrays, no per-query wrapping.
    const first = sqlite.prepare(query.first).raw(true);
    const next = sqlite.prepare(query.next).raw(true);
    return async (after, through) =>
      after ? next.all(...query.nextParameters(after, through)) : first.all(...query.firstParameters(through));
  }
  const { aliases } = query;
  return async (after, through) => {
    const rows = (after
      ? await connection.query(query.next, query.nextParameters(after, through))
      : await connection.query(query.first, query.firstParameters(through))) as Record<string, unknown>[];
    return rows.map((row) => aliases.map((alias) => row[alias]));
  };
}
