import { databaseFamily } from '../datasource/database-family';
import type { DataSource } from '../datasource/typeorm-types';
import { ReadConnection } from './read-connection';

/** What the manager hands its workers so they all read the same data, and holds until they are done. */
export interface SharedSnapshot {
  /** The snapshot each worker adopts; null when the database cannot share one. */
  id: string | null;
  release(): Promise<void>;
}

/**
 * PostgreSQL: a REPEATABLE READ READ ONLY transaction on the manager's connection exports
 * its snapshot. The transaction stays open for the whole run: a snapshot can only be
 * adopted while its exporter is open, and a worker started to replace a dead one adopts it
 * late. Other databases share nothing: each worker takes its own snapshot.
 */
export async function shareSnapshot(dataSource: DataSource): Promise<SharedSnapshot> {
  if (databaseFamily(dataSource) !== 'postgres') return { id: null, release: async () => undefined };
  const connection = await ReadConnection.open(dataSource);
  try {
    // Idle for the whole run by design: a server-wide idle-in-transaction timeout must not end it.
    await connection.query('SET LOCAL idle_in_transaction_session_timeout = 0');
    const rows = (await connection.query('SELECT pg_export_snapshot() AS id')) as Array<{ id: string }>;
    return { id: rows[0].id, release: () => connection.close() };
  } catch (error) {
    await connection.close();
    throw error;
  }
}
