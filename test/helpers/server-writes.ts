import type { DataSource } from 'typeorm';
import { BLOG_TABLES } from '../../fixtures/blog/blog-tables';

/**
 * The server sessions (ids) reading `database` with scan batches right now, or, on
 * PostgreSQL, whose last query was one: batches are aliased "c0".... Our own session is left
 * out: its query, quoting the pattern, matches it.
 */
export async function scanningSessions(server: DataSource, database: string): Promise<string[]> {
  const rows = server.options.type === 'postgres'
    ? await server.query(
      `SELECT pid AS id FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() AND query LIKE 'SELECT %AS "c0"%'`,
      [database])
    : await server.query(
      "SELECT ID AS id FROM information_schema.PROCESSLIST WHERE DB = ? AND ID <> CONNECTION_ID() AND INFO LIKE 'SELECT %AS `c0`%'",
      [database]);
  return rows.map((row: { id: unknown }) => String(row.id));
}

/**
 * Changes every blog table all along its keys, in one transaction: every 40th row gets an
 * empty title, as many others are deleted (which ones depends on `round`, 0 to 19), and 100
 * rows with empty titles are added after the last key. A scan that saw any of it would report
 * other counts.
 */
export async function changeBlogRows(server: DataSource, round: number): Promise<void> {
  const runner = server.createQueryRunner();
  const escape = (name: string) => server.driver.escape(name);
  const parameter = (index: number) => server.driver.createParameter(`p${index}`, index);
  try {
    await runner.startTransaction();
    for (const { table } of BLOG_TABLES) {
      const t = escape(table);
      await runner.query(`UPDATE ${t} SET title = '' WHERE MOD(id, 40) = ${2 * round}`);
      await runner.query(`DELETE FROM ${t} WHERE MOD(id, 40) = ${2 * round + 1}`);
      const [{ last }] = await runner.query(`SELECT MAX(id) AS ${escape('last')} FROM ${t}`);
      const ids = Array.from({ length: 100 }, (_, i) => Number(last) + 1 + i);
      await runner.query(`INSERT INTO ${t} (id, title, body) VALUES ${ids.map((_, i) => `(${parameter(i)}, '', NULL)`).join(', ')}`, ids);
    }
    await runner.commitTransaction();
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    throw error;
  } finally {
    await runner.release();
  }
}
