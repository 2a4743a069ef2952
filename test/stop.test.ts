import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT } from './helpers/run-cli';
import { childrenOf, isAlive, waitFor } from './helpers/processes';
import { MARK_AT, SLOW_TABLES, slowProject } from './helpers/slow-project';

const ROWS = 60_000;
/** 50 µs a row: a table takes some 3 s, a batch of 1,000 rows 50 ms. */
const SLOW = { SLOW_US: '50' };

let project: ReturnType<typeof slowProject>;
beforeAll(() => {
  project = slowProject(ROWS);
});
afterAll(() => project?.dir.cleanup());

/** Starts a run of the slow project; `marks` collects the tables seen "scanning" on stderr. */
function start(args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [BIN, '-d', project.dataSource, '--format', 'json', '--no-progress', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const marks: string[] = [];
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
    for (const match of String(chunk).matchAll(/scanning (\w+)/g)) marks.push(match[1]);
  });
  const done = new Promise<{ code: number | null; stdout: string; stderr: string; at: number }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr, at: Date.now() })));
  return { child, marks, done, stderr: () => stderr };
}

function expectStoppedMidTable(table: any): void {
  expect(table.status).toBe('cancelled');
  expect(table.rows).toBeGreaterThanOrEqual(MARK_AT);
  expect(table.rows).toBeLessThan(ROWS);
  // The rows read are those up to the key where the scan stopped.
  expect(table.unscannedRanges).toEqual([{ after: [table.rows], through: null }]);
}

describe('stopping a run', () => {
  it('--procs 1: the first SIGINT stops within a batch, with a partial report of the rows read; exit 130', async () => {
    const run = start(['--procs', '1'], SLOW);
    await waitFor('the scan to start', () => (run.marks.length > 0 ? true : undefined));
    const signalledAt = Date.now();
    run.child.kill('SIGINT');
    const result = await run.done;
    expect(result.code).toBe(130);
    expect(result.at - signalledAt).toBeLessThan(1_500);
    const report = JSON.parse(result.stdout);
    expect(report.status).toBe('cancelled');
    const scanned = report.tables.find((t: any) => t.table === run.marks[0]);
    expectStoppedMidTable(scanned);
    const other = report.tables.find((t: any) => t.table !== run.marks[0]);
    expect(other).toMatchObject({ rows: 0, status: 'cancelled', unscannedRanges: [{ after: null, through: null }] });
    expect(report.summary.rows).toBe(scanned.rows);
  });

  it('--procs 1: SIGTERM too', async () => {
    const run = start(['--procs', '1'], SLOW);
    await waitFor('the scan to start', () => (run.marks.length > 0 ? true : undefined));
    const signalledAt = Date.now();
    run.child.kill('SIGTERM');
    const result = await run.done;
    expect(result.code).toBe(130);
    expect(result.at - signalledAt).toBeLessThan(1_500);
    expect(JSON.parse(result.stdout).status).toBe('cancelled');
  });

  it('--procs 1: a second signal stops at once, even when a validator never settles', async () => {
    const run = start(['--procs', '1'], { ...SLOW, HANG_AT: String(MARK_AT + 1) });
    await waitFor('the scan to start', () => (run.marks.length > 0 ? true : undefined));
    run.child.kill('SIGINT');
    await waitFor('the first stop to be acknowledged', () => (/again to stop at once/.test(run.stderr()) ? true : undefined));
    run.child.kill('SIGINT');
    const signalledAt = Date.now();
    const result = await run.done;
    expect(result.code).toBe(130);
    expect(result.at - signalledAt).toBeLessThan(2_500);
    // Either the pool gave up on the stuck piece and the partial report came out, or the process left without it.
    if (result.stdout) expect(JSON.parse(result.stdout).status).toBe('cancelled');
    else expect(result.stderr).toMatch(/stopped at once \(second signal\); no report/);
  });

  it('a promise of user code that can never settle is an error, not a silent exit 0', async () => {
    const run = start(['--procs', '1'], { HANG_AT: '10', NEVER_SETTLES: '1' });
    const result = await run.done;
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/promise that nothing will ever settle/);
  });

  it('--procs 2, one piece per table: every worker stops within a batch and reports the rows it read', async () => {
    const run = start(['--procs', '2', '--exact-procs', '--piece-rows', String(10 * ROWS)], SLOW);
    await waitFor('both workers to scan', () => (run.marks.length === 2 ? true : undefined));
    const signalledAt = Date.now();
    run.child.kill('SIGINT');
    const result = await run.done;
    expect(result.code).toBe(130);
    expect(result.at - signalledAt).toBeLessThan(1_500);
    const report = JSON.parse(result.stdout);
    expect(report.status).toBe('cancelled');
    for (const table of SLOW_TABLES) expectStoppedMidTable(report.tables.find((t: any) => t.table === table));
  });

  it('a stop while workers still load the module does not wait for the load', async () => {
    const run = start(['--procs', '2', '--exact-procs'], { ...SLOW, WORKER_LOAD_MS: '10000' });
    await waitFor('a worker to load', () => (/worker loading/.test(run.stderr()) ? true : undefined));
    const signalledAt = Date.now();
    run.child.kill('SIGINT');
    const result = await run.done;
    expect(result.code).toBe(130);
    expect(result.at - signalledAt).toBeLessThan(1_500);
    expect(JSON.parse(result.stdout)).toMatchObject({ status: 'cancelled', summary: { rows: 0 } });
  });

  it('workers exit within a second of their manager being killed with SIGKILL', async () => {
    const run = start(['--procs', '2', '--exact-procs', '--piece-rows', String(10 * ROWS)], SLOW);
    await waitFor('both workers to scan', () => (run.marks.length === 2 ? true : undefined));
    const workers = childrenOf(run.child.pid!).map((p) => p.pid);
    expect(workers.length).toBe(2);
    run.child.kill('SIGKILL');
    await run.done;
    await waitFor('orphaned workers to exit', () => (workers.some(isAlive) ? undefined : true), 2_000);
  });

  it('--procs 1: what user code prints goes to stderr, so the JSON report on stdout parses', async () => {
    const run = start(['--procs', '1'], { CHATTY: '1' });
    const result = await run.done;
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.summary.rows).toBe(2 * ROWS);
    expect(result.stderr).toMatch(/afterLoad slow_a 1\b/);
    expect(result.stderr).toMatch(/afterLoad, later/);
  });
});
