import type { DataSource } from 'typeorm';
import { BLOG_TABLES } from '../../fixtures/blog/blog-tables';

/**
 * The server sessions (ids) of scans of `database` that hold their snapshot. PostgreSQL:
 * sessions whose last query was a batch of the blog's rows, aliased "c0", "c1", ... (the
 * manager's key-boundary queries select the key alone). MariaDB shows only the query running
 * at the moment, which a fast batch rarely is: there, the read-only transactions a scan opens
 * WITH CONSISTENT SNAPSHOT, idle or reading a batch (a single statement such as the manager's
 * COUNT(*) is a read-only transaction too while it runs). Our own session is left out. Poll
 * MariaDB at most every 0.1 s: INNODB_TRX is refreshed only when it has not been read for that long.
 */
export async function scanningSessions(server: DataSource, database: string): Promise<string[]> {
  const rows = server.options.type === 'postgres'
    ? await server.query(
      `SELECT pid AS id FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() AND query LIKE 'SELECT %AS "c0", %AS "c1"%'`,
      [database])
    : await server.query(
      `SELECT p.ID AS id FROM information_schema.PROCESSLIST p JOIN information_schema.INNODB_TRX t ON t.trx_mysql_thread_id = p.ID
       WHERE p.DB = ? AND p.ID <> CONNECTION_ID() AND t.trx_is_read_only = 1
         AND (p.COMMAND = 'Sleep' OR p.INFO LIKE 'SELECT %AS \`c0\`, %AS \`c1\`%')`,
      [database]);
  return rows.map((row: { id: unknown }) => String(row.id));
}

/**
 * Changes every blog table all along its keys, in one transaction left open: every 40th row
 * gets an empty title, as many others are deleted (which ones depends on `round`, 0 to 19),
 * and 100 rows with empty titles are added after the last key. A scan that saw any of it
 * would report other counts. The changes become visible at once when `commit()` is called:
 * written beforehand, they cannot outlast a scan that is meant to run on after them.
 */
export async function prepareBlogChanges(server: DataSource, round: number): Promise<{ commit(): Promise<void> }> {
  const runner = server.createQueryRunner();
  const escape = (name: string) => server.driver.escape(name);
  const parameter = (index: number) => server.driver.createParameter(`p${index}`, index);
  const abandon = async () => {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    await runner.release();
  };
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
  } catch (error) {
    await abandon();
    throw error;
  }
  return {
    async commit() {
      try {
        await runner.commitTransaction();
      } finally {
        await abandon();
      }
    },
  };
}
