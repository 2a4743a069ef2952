import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropDatabase, openServer, recreateDatabase } from '../fixtures/servers/admin';
import { ReadConnection } from '../src/consistency/read-connection';
import type { DataSource } from '../src/datasource/typeorm-types';
import { openPostgresCursor } from '../src/scan/postgres-cursor';
import { expectServerUp, testDatabase } from './helpers/servers';

/** The cursor a prefiltered PostgreSQL piece is read through: key order, the range's bounds, and nothing left changed. */
describe('openPostgresCursor', () => {
  const database = testDatabase('cursor');
  let dataSource: DataSource;
  beforeAll(async () => {
    await expectServerUp('postgres');
    await recreateDatabase('postgres', database);
    const server = await openServer('postgres', database);
    await server.query('CREATE TABLE t (id integer PRIMARY KEY, v text)');
    // Inserted out of key order, so that the table's physical order is not the key order.
    for (const id of [9, 3, 7, 1, 5, 10, 2, 8, 4, 6]) await server.query('INSERT INTO t VALUES ($1, $2)', [id, id % 2 ? 'x' : 'y']);
    dataSource = server as unknown as DataSource;
  }, 60_000);
  afterAll(async () => {
    await (dataSource as unknown as { destroy(): Promise<void> } | undefined)?.destroy();
    await dropDatabase('postgres', database);
  });

  async function readAll(connection: ReadConnection, range: { after: unknown[] | null; through: unknown[] | null }, batchSize: number) {
    const reader = openPostgresCursor(connection, 't', ['id', 'v'], ['id'], range, `"v" = 'x'`, batchSize);
    const batches: unknown[][][] = [];
    for (;;) {
      const rows = await reader.next(null);
      batches.push(rows);
      if (rows.length < batchSize) break;
    }
    await reader.close();
    return batches;
  }

  it('gives the range\'s matching rows in key order, a batch at a time, and puts the planner setting back as it was', async () => {
    for (const setting of ['off', 'on']) {
      await dataSource.query(`SET enable_indexscan = ${setting}`);
      const connection = await ReadConnection.open(dataSource);
      try {
        expect(await readAll(connection, { after: [1], through: [9] }, 2)).toEqual([[[3, 'x'], [5, 'x']], [[7, 'x'], [9, 'x']], []]);
        expect(await connection.query("SELECT current_setting('enable_indexscan') AS v")).toEqual([{ v: setting }]);
        // Closed: the next piece declares the cursor again on the same connection and transaction.
        expect(await readAll(connection, { after: null, through: null }, 10)).toEqual([[[1, 'x'], [3, 'x'], [5, 'x'], [7, 'x'], [9, 'x']]]);
      } finally {
        await connection.close();
      }
    }
    await dataSource.query('RESET enable_indexscan');
  });
});
