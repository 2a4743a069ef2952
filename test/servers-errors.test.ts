import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blogExpectations } from '../fixtures/blog/blog-tables';
import { dropDatabase, openServer } from '../fixtures/servers/admin';
import { serverOptions, type ServerType } from '../fixtures/servers/servers';
import { expectBlogCounts } from './helpers/blog-report';
import { ROOT, runCli, runJson, type CliResult } from './helpers/run-cli';
import { expectServerUp, loadFixture, testDatabase } from './helpers/servers';
import { TempDir } from './helpers/temp-project';
import { expectUserError } from './helpers/user-error';

/**
 * A server that refuses us: exit 2, one paragraph naming the database, host, port and
 * user, and never the password, however it was given.
 */

const PASSWORD = 'Pa55-w0rd-never-shown';
const SCALE = 0.02;
let tmp: TempDir;

beforeAll(() => {
  tmp = new TempDir('servers-errors');
});
afterAll(() => tmp?.cleanup());

/** A user project whose data source module has these options (plus the blog entities). */
function dataSource(name: string, options: Record<string, unknown>): string {
  return tmp.write({
    [`${name}/data-source.ts`]: `
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { BLOG_ENTITIES } from ${JSON.stringify(`${ROOT}/fixtures/blog/entities`)};

export default new DataSource({ ...${JSON.stringify(options)}, entities: BLOG_ENTITIES } as any);
`,
  });
}

function expectRefusal(result: CliResult, ...mentions: Array<string | RegExp>): void {
  expectUserError(result, /could not be opened/, ...mentions);
  expect(result.stderr + result.stdout).not.toContain(PASSWORD);
}

describe.each(['postgres', 'mariadb'] as ServerType[])('%s refuses the connection', (type) => {
  const server = serverOptions(type);
  const refusedUser = type === 'postgres'
    // Trust authentication takes any password: an unknown role is refused.
    ? { ...server, username: 'no_such_role_vr', password: PASSWORD, database: 'postgres' }
    : { ...server, password: PASSWORD, database: 'mysql' };

  beforeAll(() => expectServerUp(type));

  it('for its user or password', async () => {
    const result = await runCli(['-d', dataSource(`${type}-user`, refusedUser), '--procs', '1']);
    expectRefusal(result, `${type} database "${refusedUser.database}" on ${server.host}:${server.port} as user ${refusedUser.username}`,
      type === 'postgres' ? /role "no_such_role_vr" does not exist/ : /Access denied/);
  });

  it('for a database it does not have', async () => {
    const options = { ...server, password: server.password || PASSWORD, database: 'no_such_database_vr' };
    const result = await runCli(['-d', dataSource(`${type}-database`, options), '--procs', '1']);
    expectRefusal(result, `database "no_such_database_vr" on ${server.host}:${server.port}`);
  });

  it('when nothing listens on the port', async () => {
    const options = { ...server, port: 1, password: PASSWORD, database: 'anything' };
    const result = await runCli(['-d', dataSource(`${type}-port`, options), '--procs', '1']);
    expectRefusal(result, `database "anything" on ${server.host}:1`, /ECONNREFUSED/);
  });

  it('given as a URL with the password in it', async () => {
    const scheme = type === 'postgres' ? 'postgres' : 'mysql';
    const url = `${scheme}://${server.username}:${PASSWORD}@${server.host}:1/from_the_url`;
    const result = await runCli(['-d', dataSource(`${type}-url`, { type, url }), '--procs', '1']);
    expectRefusal(result, `database "from_the_url" on ${server.host}:1 as user ${server.username}`);
  });
});

/**
 * A run of --procs 3 holds 3 connections, plus on PostgreSQL the manager's, which keeps the
 * workers' snapshot open (elsewhere the manager closes its connection before they start).
 * A user allowed that many gets a whole report; with one fewer, the workers are refused.
 */
describe.each(['postgres', 'mariadb'] as ServerType[])('%s: connections per run', (type) => {
  const database = testDatabase(`${type}_limits`);
  const user = `vr_limited_${process.pid}`;
  const needed = type === 'postgres' ? 4 : 3;
  const limits = [needed, needed - 1];
  const limitedUser = (limit: number) => ({ ...serverOptions(type), username: `${user}_${limit}`, password: PASSWORD, database });
  // Batches of one row, every row read (no pushdown): the scan lasts long enough that all three
  // workers are connected at once.
  const run = (limit: number) => runJson(['-d', dataSource(`${type}-limit-${limit}`, limitedUser(limit)),
    '--procs', '3', '--exact-procs', '--piece-rows', '1000', '--batch-size', '1', '--no-pushdown']);

  beforeAll(async () => {
    await expectServerUp(type);
    await loadFixture(type, database, 'blog', SCALE);
    const admin = await openServer(type, database);
    try {
      for (const limit of limits) {
        const name = `${user}_${limit}`;
        if (type === 'postgres') {
          await admin.query(`CREATE ROLE ${name} LOGIN PASSWORD '${PASSWORD}' CONNECTION LIMIT ${limit}`);
          await admin.query(`GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${name}`);
        } else {
          await admin.query(`CREATE USER '${name}'@'%' IDENTIFIED BY '${PASSWORD}' WITH MAX_USER_CONNECTIONS ${limit}`);
          await admin.query(`GRANT SELECT ON \`${database}\`.* TO '${name}'@'%'`);
        }
      }
    } finally {
      await admin.destroy();
    }
  });

  afterAll(async () => {
    await dropDatabase(type, database);
    const admin = await openServer(type);
    try {
      for (const limit of limits) {
        await admin.query(type === 'postgres' ? `DROP ROLE IF EXISTS ${user}_${limit}` : `DROP USER IF EXISTS '${user}_${limit}'@'%'`);
      }
    } finally {
      await admin.destroy();
    }
  });

  it(`runs three workers within ${needed} connections`, async () => {
    const result = await run(needed);
    expect(result.code, result.stderr).toBe(1);
    expect(result.report.summary.procs).toBe(3);
    expectBlogCounts(result.report, SCALE);
  });

  it(`fails with exit 2 and the server's reason with ${needed - 1}`, async () => {
    const result = await run(needed - 1);
    expect(result.code, result.stderr).toBe(2);
    expect(result.report.status).toBe('error');
    const errors = result.report.tables.map((table: any) => table.error).filter(Boolean);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]).toMatch(type === 'postgres' ? /too many connections for role/ : /max_user_connections/);
    expect(errors[0]).toContain(`database "${database}" on ${serverOptions(type).host}:${serverOptions(type).port}`);
    expect(result.stdout + result.stderr).not.toContain(PASSWORD);
    expect(result.report.summary.rows).toBeLessThan(blogExpectations(SCALE).reduce((sum, table) => sum + table.rows, 0));
  });
});
