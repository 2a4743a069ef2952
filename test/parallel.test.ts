import { beforeAll, describe, expect, it } from 'vitest';
import { comparable, expectBlogCounts } from './helpers/blog-report';
import { runJson, startCli } from './helpers/run-cli';
import { childrenOf, isAlive, waitFor } from './helpers/processes';

const SMALL = { BLOG_SCALE: '0.05' };
const FULL = { BLOG_SCALE: '1' };

/** Waits for the run to end, recording every child process it had meanwhile. */
async function childrenWhileRunning<T>(pid: number, done: Promise<T>): Promise<{ result: T; seen: Set<number> }> {
  const seen = new Set<number>();
  let running = true;
  const watching = (async () => {
    while (running) {
      for (const worker of childrenOf(pid)) seen.add(worker.pid);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  const result = await done;
  running = false;
  await watching;
  return { result, seen };
}

/** A worker of `managerPid` that is in the middle of a piece (not starting, not idle). */
function busyWorker(managerPid: number) {
  return childrenOf(managerPid).find((p) => /^validate-records: worker \d+ (posts|articles)/.test(p.args));
}

beforeAll(async () => {
  // Generate both demo databases once, outside any timed run.
  await runJson(['--procs', '1', '--only', 'sub_pages'], { env: SMALL });
  await runJson(['--procs', '1', '--only', 'sub_pages'], { env: FULL });
});

describe('parallel runs', () => {
  it('report exactly the same at --procs 1, 2 and 4, split or not', async () => {
    const runs = await Promise.all([
      runJson(['--procs', '1'], { env: SMALL }),
      runJson(['--procs', '2', '--exact-procs'], { env: SMALL }),
      runJson(['--procs', '4', '--exact-procs', '--piece-rows', '1500'], { env: SMALL }),
      runJson(['--procs', '2', '--exact-procs', '--strategy', 'buckets'], { env: SMALL }),
    ]);
    expectBlogCounts(runs[0].report, 0.05);
    expect(runs.map((r) => r.code)).toEqual([1, 1, 1, 1]);
    expect(runs.map((r) => r.report.summary.procs)).toEqual([1, 2, 4, 2]);
    for (const run of runs.slice(1)) expect(comparable(run.report)).toEqual(comparable(runs[0].report));
  });

  it('titles the manager and the workers so ps shows who does what', async () => {
    const { child, done } = startCli(['--procs', '2', '--exact-procs'], FULL);
    const manager = await waitFor('the manager title', () => {
      const self = childrenOf(process.pid).find((p) => p.pid === child.pid);
      return self && /^validate-records: manager \[\d+, \d+\]/.test(self.args) ? self : undefined;
    });
    const workerPids = manager.args.match(/\d+/g)!.map(Number);
    const worker = await waitFor('a busy worker title', () => busyWorker(child.pid!));
    expect(workerPids).toContain(worker.pid);
    expect(worker.args).toMatch(/^validate-records: worker [12] (posts|articles) (start|\d+)\.\.(end|\d+)/);
    const result = await done;
    expect(result.code).toBe(1);
  });

  it('redoes the piece of a worker killed with SIGKILL, and stays exact', async () => {
    const { child, done } = startCli(['--procs', '2', '--exact-procs'], FULL);
    const victim = await waitFor('a busy worker', () => busyWorker(child.pid!));
    process.kill(victim.pid, 'SIGKILL');
    const result = await done;
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.status).toBe('failed');
    expectBlogCounts(report, 1);
  });

  it('stops on SIGINT with a cancelled partial report, exit 130 and no child left', async () => {
    const { child, done } = startCli(['--procs', '2', '--exact-procs'], FULL);
    await waitFor('a busy worker', () => busyWorker(child.pid!));
    const workers = childrenOf(child.pid!).map((p) => p.pid);
    expect(workers.length).toBe(2);
    child.kill('SIGINT');
    const result = await done;
    expect(result.code).toBe(130);
    const report = JSON.parse(result.stdout);
    expect(report.status).toBe('cancelled');
    expect(report.summary.rows).toBeLessThan(1_232_687);
    expect(report.tables.some((t: any) => t.status === 'cancelled')).toBe(true);
    await waitFor('workers to be gone', () => (workers.some(isAlive) ? undefined : true), 5_000);
  });

  it('--procs is a maximum: small work runs in this process, forking nothing, and the report says why', async () => {
    const { child, done } = startCli(['--procs', '8'], SMALL);
    const { result, seen } = await childrenWhileRunning(child.pid!, done);
    const report = JSON.parse(result.stdout);
    expectBlogCounts(report, 0.05);
    expect(report.summary).toMatchObject({ procs: 1, procsRequested: 8 });
    expect(report.summary.procsReason).toMatch(/^forking would not pay off \(61,634 rows, at an estimated [\d,]+ rows\/s prefiltered in SQL per process, \d\.\d\d s to load the data source\)$/);
    expect([...seen]).toEqual([]);
  });

  it('forks no worker when the run ends before anything is planned (no table selected)', async () => {
    const { child, done } = startCli(['--procs', '2', '--exact-procs', '--only', 'no_such_table'], SMALL);
    const { result, seen } = await childrenWhileRunning(child.pid!, done);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no_such_table|selected/);
    expect([...seen]).toEqual([]);
  });
});
