import { databaseFamily, type DatabaseFamily } from '../datasource/database-family';
import type { DataSource, QueryRunner } from '../datasource/typeorm-types';
import { describeError } from '../errors';

/** PostgreSQL snapshot ids look like 00000003-0000001B-1; anything else is not interpolated into SQL. */
const SNAPSHOT_ID = /^[0-9A-Fa-f]+(-[0-9A-Fa-f]+)+$/;

/**
 * The one connection every read of a process goes through, held for the whole run, inside
 * one read-only transaction where the database offers a consistent one:
 *
 * - PostgreSQL: REPEATABLE READ READ ONLY; given a snapshot id exported by the manager,
 *   the transaction adopts it, so every worker sees the very same data.
 * - MySQL/MariaDB: REPEATABLE READ, START TRANSACTION READ ONLY, WITH CONSISTENT SNAPSHOT;
 *   snapshots cannot be shared between connections there, so each process has its own,
 *   taken when it starts.
 * - SQLite and others: no transaction (a long SQLite read transaction in rollback-journal
 *   mode would block the application's writers for the whole run).
 */
export class ReadConnection {
  private closed = false;

  private constructor(
    readonly dataSource: DataSource,
    readonly queryRunner: QueryRunner,
    private readonly inTransaction: boolean,
  ) {}

  static async open(dataSource: DataSource, snapshotId: string | null = null): Promise<ReadConnection> {
    const family = databaseFamily(dataSource);
    if (snapshotId !== null && (family !== 'postgres' || !SNAPSHOT_ID.test(snapshotId))) {
      throw new Error(`cannot adopt snapshot ${JSON.stringify(snapshotId)} on a ${String(dataSource.options.type)} database`);
    }
    const queryRunner = dataSource.createQueryRunner('master');
    try {
      const statements = beginStatements(family, snapshotId);
      for (const statement of statements) await queryRunner.query(statement);
      return new ReadConnection(dataSource, queryRunner, statements.length > 0);
    } catch (error) {
      await queryRunner.release().catch(() => undefined);
      if (snapshotId === null) throw error;
      throw new Error(`could not read in the run's snapshot ${snapshotId}: ${describeError(error)}`);
    }
  }

  query(sql: string, parameters: unknown[] = []): Promise<unknown[]> {
    return this.queryRunner.query(sql, parameters) as Promise<unknown[]>;
  }

  /**
   * Ends the transaction and hands the connection back. It only read: ROLLBACK and COMMIT
   * are alike, and a connection the server has dropped meanwhile (an idle timeout, a
   * restart) loses nothing, so a failed ROLLBACK is no failure of the run.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.inTransaction) await this.queryRunner.query('ROLLBACK').catch(() => undefined);
    await this.queryRunner.release();
  }
}

function beginStatements(family: DatabaseFamily, snapshotId: string | null): string[] {
  switch (family) {
    case 'postgres':
      return [
        'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
        // Must come before any query of the transaction.
        ...(snapshotId ? [`SET TRANSACTION SNAPSHOT '${snapshotId}'`] : []),
      ];
    case 'mysql':
      return [
        'SET TRANSACTION ISOLATION LEVEL REPEATABLE READ',
        'START TRANSACTION READ ONLY, WITH CONSISTENT SNAPSHOT',
      ];
    default:
      return [];
  }
}
