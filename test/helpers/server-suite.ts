import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blogExpectations } from '../../fixtures/blog/blog-tables';
import { dropDatabase, openServer } from '../../fixtures/servers/admin';
import type { ServerType } from '../../fixtures/servers/servers';
import { EXACT_COUNT_BELOW } from '../../src/inventory/table-size';
import { buildKeysetQuery } from '../../src/scan/keyset-query';
import { runOracle } from '../oracle/oracle-process';
import type { OracleResult } from '../oracle/oracle-result';
import { comparable, expectBlogCounts } from './blog-report';
import { asOracleTable } from './oracle-view';
import { childrenOf, waitFor } from './processes';
import { ROOT, runCli, runJson, startCli } from './run-cli';
import { prepareBlogChanges, scanningSessions } from './server-writes';
import {
  BLOG_ON_SERVER, HARD_ON_SERVER, expectServerUp, loadFixture, serverEnv, testDatabase, type LoadSummary,
} from './servers';
import { TempDir } from './temp-project';

const SMALL = 0.02;
/** Big enough that a scan in batches of 20 lasts seconds, and that posts and articles pass EXACT_COUNT_BELOW. */
const BIG = 0.3;
const BUSY_WORKER = /^validate-records: worker \d+ (posts|articles) \S+\.\.\S+/;

/** MariaDB refreshes information_schema.INNODB_TRX only when it has not been read for 0.1 s. */
const SESSION_POLL_MS = 150;

async function pollUntil(what: string, check: () => Promise<boolean>, everyMs = 20, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** Rows the scan node of a PostgreSQL plan read: those it returned and those its filter dropped. */
function postgresRowsExamined(explained: any[]): number {
  const plan = [explained[0]['QUERY PLAN'][0].Plan];
  let examined = 0;
  for (const node of plan) {
    if (/Scan/.test(node['Node Type'])) examined += node['Actual Rows'] + (node['Rows Removed by Filter'] ?? 0);
    plan.push(...(node.Plans ?? []));
  }
  return examined;
}

/** Rows MariaDB read from the table (r_rows of ANALYZE FORMAT=JSON). */
function mariadbRowsExamined(analyzed: any[]): number {
  const text = Object.values(analyzed[0])[0] as string;
  return JSON.parse(text).query_block.nested_loop[0].table.r_rows;
}

/**
 * The server suite, run against one server type: the blog demo and the hard cases give
 * exactly what SQLite and TypeORM's own find() give there, split or not, and rows written
 * during a scan do not change its report. `clientTypes`: the DataSource types the fixtures'
 * modules use (mysql and mariadb on a MariaDB server). `sharedSnapshot`: all workers read
 * the manager's snapshot, even one started late to replace a killed worker.
 */
export function describeServer(serverType: 'postgres' | 'mariadb', clientTypes: ServerType[], sharedSnapshot: boolean): void {
  for (const type of clientTypes) {
    describe(`${type} (${serverType} server): the blog demo`, () => {
      const database = testDatabase(`${type}_blog`);
      const env = serverEnv(type, database);
      let sqlite: Awaited<ReturnType<typeof runJson>>;

      beforeAll(async () => {
        await expectServerUp(type);
        [, sqlite] = await Promise.all([
          loadFixture(type, database, 'blog', SMALL),
          runJson(['--procs', '1'], { env: { BLOG_SCALE: String(SMALL) } }),
        ]);
      });
      afterAll(() => dropDatabase(type, database));

      it('reports exactly what SQLite reports, in one process and in three with split tables', async () => {
        const runs = await Promise.all([
          runJson(['-d', BLOG_ON_SERVER, '--procs', '1'], { env }),
          runJson(['-d', BLOG_ON_SERVER, '--procs', '3', '--exact-procs', '--piece-rows', '1000'], { env }),
        ]);
        expectBlogCounts(sqlite.report, SMALL);
        for (const run of runs) {
          expect(run.code, run.stderr).toBe(1);
          expect(comparable(run.report)).toEqual(comparable(sqlite.report));
        }
        expect(runs.map((run) => run.report.summary.procs)).toEqual([1, 3]);
      });

      it('runs validators that query the database themselves while the scan holds its connection', async () => {
        const project = new TempDir('server-queries');
        try {
          const module = project.write({
            'data-source.ts': `
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { SubPageTitle } from './entity';
import { serverFromEnv } from ${JSON.stringify(`${ROOT}/fixtures/servers/servers`)};
export const dataSource = new DataSource({ ...serverFromEnv(), entities: [SubPageTitle] });
`,
            'entity.ts': `
import { Validate, ValidatorConstraint, type ValidatorConstraintInterface } from 'class-validator';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Looks the row up again through the project's own DataSource, as "exists" validators do. */
@ValidatorConstraint({ name: 'stillThere', async: true })
class StillThere implements ValidatorConstraintInterface {
  async validate(id: number): Promise<boolean> {
    const { dataSource } = require('./data-source');
    const rows = await dataSource.query('SELECT COUNT(*) AS n FROM sub_pages WHERE id = ' + Number(id));
    return Number(rows[0].n) === 1;
  }
}

@Entity('sub_pages')
export class SubPageTitle {
  @PrimaryColumn()
  @Validate(StillThere)
  id: number;

  @Column()
  title: string;
}
`,
          });
          const runs = await Promise.all([1, 2].map((procs) =>
            runJson(['-d', module, '--procs', String(procs), '--exact-procs', '--piece-rows', '100'], { env })));
          for (const run of runs) {
            expect(run.code, run.stderr).toBe(0);
            expect(run.report.tables.map((table: any) => [table.table, table.rows, table.status]))
              .toEqual([['sub_pages', blogExpectations(SMALL).find((table) => table.table === 'sub_pages')!.rows, 'passed']]);
          }
        } finally {
          project.cleanup();
        }
      });
    });

    describe(`${type} (${serverType} server): the hard cases`, () => {
      const database = testDatabase(`${type}_hard`);
      const env = serverEnv(type, database);
      let loaded: LoadSummary;
      let oracle: OracleResult;

      beforeAll(async () => {
        await expectServerUp(type);
        loaded = await loadFixture(type, database, 'hard');
        oracle = await runOracle(HARD_ON_SERVER, env);
      });
      afterAll(() => dropDatabase(type, database));

      it('holds the seed but for the special rows the server\'s column types refuse', () => {
        const refusedSpecial = loaded.refused.filter((refused) => refused.table !== 'article_tags');
        expect(refusedSpecial.length).toBeGreaterThan(0);
        expect(refusedSpecial.every((refused) => refused.reason.length > 0)).toBe(true);
        expect(oracle.tables.map((table) => table.table).sort())
          .toEqual(['articles', 'audit_logs', 'authors', 'customers', 'order_lines', 'payments', 'tags']);
      });

      it.each([1, 3])('matches find() + validate() row by row at --procs %i, in batches of 7 and ranges of 100 rows', async (procs) => {
        // The oracle is class-validator's: declarations are checked in declarations.test.ts.
        const run = await runJson(['-d', HARD_ON_SERVER, '--procs', String(procs), '--exact-procs', '--batch-size', '7', '--piece-rows', '100',
          '--max-samples', '100000', '--checks', 'validators'], { env });
        expect(run.code, run.stderr).toBe(1);
        expect(run.report.tables.map((table: any) => table.table).sort()).toEqual(oracle.tables.map((table) => table.table).sort());
        for (const naive of oracle.tables) {
          const ours = run.report.tables.find((table: any) => table.table === naive.table);
          expect(ours.status, naive.table).toBe(naive.noValidators ? 'no-validators' : 'failed');
          if (naive.noValidators) continue;
          const { noValidators, ...expected } = naive;
          expect(asOracleTable(ours)).toEqual(expected);
        }
      });
    });
  }

  describe(`${serverType}: sizes and snapshots on a bigger blog database`, () => {
    const type = serverType;
    const database = testDatabase(`${type}_big`);
    const env = serverEnv(type, database);

    beforeAll(async () => {
      await expectServerUp(type);
      await loadFixture(type, database, 'blog', BIG);
    });
    afterAll(() => dropDatabase(type, database));

    it('plans big tables from the catalog\'s estimates, and still reports the exact rows it read', async () => {
      const server = await openServer(type, database);
      let estimates: Record<string, number>;
      try {
        if (type === 'postgres') {
          // A stale estimate, far off: only the planning may see it.
          await server.query(`UPDATE pg_class SET reltuples = 3000000 WHERE oid = 'posts'::regclass`);
          const rows = await server.query(`SELECT relname AS name, reltuples::float8 AS n FROM pg_class WHERE relname IN ('posts', 'articles')`);
          estimates = Object.fromEntries(rows.map((row: any) => [row.name, Math.round(Number(row.n))]));
        } else {
          const rows = await server.query(`SELECT TABLE_NAME AS name, TABLE_ROWS AS n FROM information_schema.TABLES
            WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME IN ('posts', 'articles')`);
          estimates = Object.fromEntries(rows.map((row: any) => [row.name, Math.round(Number(row.n))]));
        }
      } finally {
        await server.destroy();
      }
      expect(estimates.posts).toBeGreaterThanOrEqual(EXACT_COUNT_BELOW);
      // Big tables at their estimates, the others counted.
      const planned = blogExpectations(BIG).reduce((sum, table) =>
        sum + ((estimates[table.table] ?? 0) >= EXACT_COUNT_BELOW ? estimates[table.table] : table.rows), 0);

      const run = await runCli(['-d', BLOG_ON_SERVER, '--procs', '2', '--exact-procs', '--format', 'json'], { env });
      expect(run.stderr).toContain(`7 tables, ${planned.toLocaleString('en-US')} rows to validate`);
      expectBlogCounts(JSON.parse(run.stdout), BIG);
    });

    it('reads a composite-key batch along the primary-key index, not from the start of the table', async () => {
      const server = await openServer(type, database);
      try {
        await server.query('CREATE TABLE keyset_probe (a INT NOT NULL, b INT NOT NULL, v VARCHAR(20), PRIMARY KEY (a, b))');
        await server.query(type === 'postgres'
          ? `INSERT INTO keyset_probe SELECT x, y, 'v' FROM generate_series(1, 1000) x, generate_series(1, 100) y`
          : `INSERT INTO keyset_probe SELECT x.seq, y.seq, 'v' FROM seq_1_to_1000 x, seq_1_to_100 y`);
        await server.query(type === 'postgres' ? 'ANALYZE keyset_probe' : 'ANALYZE TABLE keyset_probe');
        const query = buildKeysetQuery(server, 'keyset_probe', ['a', 'b', 'v'], ['a', 'b'], true, 1000);
        const parameters = query.nextParameters([900, 50], [990, 3]);
        const examined = type === 'postgres'
          ? postgresRowsExamined(await server.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${query.next}`, parameters))
          : mariadbRowsExamined(await server.query(`ANALYZE FORMAT=JSON ${query.next}`, parameters));
        // Near the end of 100,000 rows: a scan from the start would examine some 90,000.
        expect(examined).toBeLessThanOrEqual(1001);
      } finally {
        await server.destroy();
      }
    });

    // Last in this block: it changes the database.
    it.each([3, 1])('reports the data as it was when the scan began while rows change under it (--procs %i)', async (procs) => {
      const before = await runJson(['-d', BLOG_ON_SERVER, '--procs', '1'], { env });
      const server = await openServer(type, database);
      let committedAt: number;
      let exitedAt = 0;
      let scan: ReturnType<typeof startCli>;
      try {
        // Written (not yet committed) before the scan starts: the commit then lands at once.
        const changes = await prepareBlogChanges(server, procs);
        // Every row read in small batches (no pushdown), so the scan outlasts the commit.
        scan = startCli(['-d', BLOG_ON_SERVER, '--procs', String(procs), '--exact-procs', '--batch-size', '20', '--piece-rows', '20000', '--no-pushdown'], env);
        void scan.done.then(() => (exitedAt = Date.now()));
        const scanning = new Set<string>();
        await pollUntil(`${procs} scanning sessions`, async () => {
          for (const session of await scanningSessions(server, database)) scanning.add(session);
          return exitedAt > 0 || scanning.size >= procs;
        }, SESSION_POLL_MS);
        await changes.commit();
        committedAt = Date.now();
        if (sharedSnapshot && procs > 1) {
          // Its piece is redone by a worker started now, which must still read the old data.
          const victim = await waitFor('a busy worker', () => childrenOf(scan.child.pid!).find((p) => BUSY_WORKER.test(p.args)));
          process.kill(victim.pid, 'SIGKILL');
        }
      } finally {
        await server.destroy();
      }
      const during = await scan!.done;
      const after = await runJson(['-d', BLOG_ON_SERVER, '--procs', '1'], { env });

      expect(during.code, during.stderr).toBe(1);
      // The scan went on well after the changes were committed: they were there to be seen.
      expect(exitedAt - committedAt).toBeGreaterThan(500);
      expect(comparable(JSON.parse(during.stdout))).toEqual(comparable(before.report));
      // And a scan started afterwards sees them.
      expect(after.report.summary.invalidRows).toBeGreaterThan(before.report.summary.invalidRows);
      expect(after.report.summary.rows).not.toBe(before.report.summary.rows);
    });
  });
}
