import { describe, expect, it } from 'vitest';
import type { Plan } from '../src/plan/build-pieces';
import type { Piece } from '../src/plan/piece';
import type { PieceReport } from '../src/report/model';
import { Cancellation } from '../src/run/cancellation';
import { MAX_ATTEMPTS, runPlan } from '../src/run/manager';
import type { PieceOutcome, PieceWorker } from '../src/run/piece-worker';
import { decidePoolSize, estimateMs, type PoolSizeInput } from '../src/run/pool-size';
import { WorkerPool } from '../src/run/worker-pool';
import { isLocalServer } from '../src/datasource/local-server';

/** What a fake worker does with a piece: finish, fail, die, or wait until it is stopped. */
type Behaviour = (piece: Piece, worker: FakeWorker) => PieceOutcome | 'wait';

function pieceReport(rows: number): PieceReport {
  return { rows, invalidRows: 0, violations: [], samples: [], durationMs: 1 };
}

class FakeWorker implements PieceWorker {
  static nextPid = 1000;
  readonly pid = FakeWorker.nextPid++;
  readonly ran: number[] = [];
  stopped = false;
  killed = false;
  readonly exited: Promise<void>;
  private exit!: () => void;
  private waiting: ((outcome: PieceOutcome) => void) | undefined;

  constructor(private readonly behaviour: Behaviour) {
    this.exited = new Promise((resolve) => (this.exit = resolve));
  }

  async run(piece: Piece, _label: string, onRows: (rows: number) => void): Promise<PieceOutcome> {
    this.ran.push(piece.id);
    await Promise.resolve();
    const outcome = this.behaviour(piece, this);
    if (outcome !== 'wait') {
      if (outcome.kind === 'done') onRows(outcome.report.rows);
      if (outcome.kind === 'crashed') this.exit();
      return outcome;
    }
    onRows(1);
    return new Promise((resolve) => (this.waiting = resolve));
  }

  stop(): void {
    this.stopped = true;
    this.waiting?.({ kind: 'done', report: pieceReport(1), complete: false });
    this.waiting = undefined;
    this.exit();
  }

  kill(): void {
    this.killed = true;
    this.waiting?.({ kind: 'crashed', message: 'killed by SIGKILL', cannotStart: false });
    this.waiting = undefined;
    this.exit();
  }
}

function planOf(...sizes: number[]): Plan {
  return { pieces: sizes.map((rows, id) => ({ id, table: `t${id}`, part: 0, parts: 1, range: { after: null, through: null }, estimatedRows: rows })) };
}

function fakePool(size: number, behaviour: Behaviour) {
  const started: FakeWorker[] = [];
  const titles: number[][] = [];
  const pool = new WorkerPool(size, () => {
    const worker = new FakeWorker(behaviour);
    started.push(worker);
    return worker;
  }, (pids) => titles.push(pids));
  return { pool, started, titles };
}

const done = (piece: Piece): PieceOutcome => ({ kind: 'done', report: pieceReport(piece.estimatedRows), complete: true });

describe('runPlan through the PieceWorker seam', () => {
  it('runs every piece once, in plan order, on at most one worker per slot', async () => {
    const { pool, started } = fakePool(3, done);
    const results = await runPlan(planOf(30, 20, 10, 5), pool, {}, new Cancellation());
    await pool.close();
    expect(results.map((r) => [r.table, r.complete, r.report?.rows])).toEqual([['t0', true, 30], ['t1', true, 20], ['t2', true, 10], ['t3', true, 5]]);
    expect(started).toHaveLength(3);
    expect(started.flatMap((w) => w.ran).sort()).toEqual([0, 1, 2, 3]);
    expect(started.every((w) => w.stopped)).toBe(true);
  });

  it('uses no more slots than there are pieces', async () => {
    const { pool, started } = fakePool(8, done);
    await runPlan(planOf(1, 2), pool, {}, new Cancellation());
    await pool.close();
    expect(started).toHaveLength(2);
  });

  it('redoes the piece of a worker that died on a new worker, and retitles the manager', async () => {
    let deaths = 0;
    const { pool, started, titles } = fakePool(1, (piece) => (piece.id === 1 && deaths++ === 0
      ? { kind: 'crashed', message: 'killed by SIGKILL', cannotStart: false }
      : done(piece)));
    const results = await runPlan(planOf(3, 2, 1), pool, {}, new Cancellation());
    await pool.close();
    expect(results.every((r) => r.complete && !r.error)).toBe(true);
    expect(started).toHaveLength(2);
    expect(started[1].ran).toContain(1);
    expect(titles).toEqual([[started[0].pid], [], [started[1].pid]]);
  });

  it(`gives up on a poison piece after ${MAX_ATTEMPTS} deaths and goes on with the rest`, async () => {
    const { pool, started } = fakePool(2, (piece) => (piece.id === 0
      ? { kind: 'crashed', message: 'exited with code 134', cannotStart: false }
      : done(piece)));
    const results = await runPlan(planOf(50, 2, 1), pool, {}, new Cancellation());
    await pool.close();
    expect(results[0]).toMatchObject({ table: 't0', complete: false, error: `the worker process died ${MAX_ATTEMPTS} times on this piece; last: exited with code 134` });
    expect(results.slice(1).every((r) => r.complete)).toBe(true);
    expect(started.filter((w) => w.ran.includes(0))).toHaveLength(MAX_ATTEMPTS);
  });

  it('stops at the first worker that cannot start: every piece left carries its reason', async () => {
    const { pool, started } = fakePool(2, () => ({ kind: 'crashed', message: 'could not start: ECONNREFUSED', cannotStart: true }));
    const results = await runPlan(planOf(5, 4, 3, 2), pool, {}, new Cancellation());
    await pool.close();
    expect(results).toHaveLength(4);
    expect(results.every((r) => !r.complete && r.error === 'could not start: ECONNREFUSED')).toBe(true);
    expect(started.length).toBeLessThanOrEqual(2);
  });

  it('a cancel stops dispatching and keeps what running pieces found; a second one kills', async () => {
    const cancellation = new Cancellation();
    const { pool, started } = fakePool(2, () => 'wait');
    const running = runPlan(planOf(9, 8, 7, 6), pool, { pieceStarted: () => undefined }, cancellation);
    await new Promise((resolve) => setImmediate(resolve));
    cancellation.cancel();
    const results = await running;
    await pool.close();
    expect(started).toHaveLength(2);
    expect(started.every((w) => w.stopped && w.ran.length === 1)).toBe(true);
    expect(results.map((r) => [r.table, r.complete, r.report?.rows ?? null])).toEqual([['t0', false, 1], ['t1', false, 1], ['t2', false, null], ['t3', false, null]]);

    const forced = new Cancellation();
    const second = fakePool(1, () => 'wait');
    const killed = runPlan(planOf(1), second.pool, {}, forced);
    await new Promise((resolve) => setImmediate(resolve));
    forced.cancel();
    forced.cancel();
    await killed;
    await second.pool.close();
    expect(second.started[0].killed).toBe(true);
  });

  it('close() kills every worker ever started and waits for them', async () => {
    const { pool, started } = fakePool(2, done);
    pool.prestart();
    await pool.close();
    expect(started.map((w) => w.killed)).toEqual([true, true]);
    expect(() => pool.worker(0)).toThrow(/closed/);
  });
});

describe('decidePoolSize: --procs is a maximum, forking only where it pays', () => {
  const base: PoolSizeInput = {
    requested: 8, exact: false, cpus: 2, server: false, remote: false, tables: [], splits: true, loadMs: 300, rowsPerSecond: 600_000, prefilteredRowsPerSecond: 4_000_000,
  };
  const blog = [572_000, 257_000, 150_000, 126_000, 70_000, 35_000, 22_687].map((rows, i) => ({ table: `t${i}`, rows }));

  it('runs small work in this process, whatever --procs allows', () => {
    for (const rows of [7, 49_000, 18_000]) {
      expect(decidePoolSize({ ...base, tables: [{ table: 'a', rows }] })).toMatchObject({ procs: 1, forked: false, requested: 8 });
    }
    expect(decidePoolSize({ ...base, tables: [{ table: 'a', rows: 49_000 }] }).reason).toMatch(/^forking would not pay off \(49,000 rows/);
  });

  it('on a local database, never more busy workers than CPUs', () => {
    const size = decidePoolSize({ ...base, tables: blog });
    expect(size).toMatchObject({ procs: 2, forked: true, requested: 8 });
    expect(size.reason).toMatch(/more would not pay off \(a database on this machine: at most one busy worker per CPU, 2\)/);
    expect(decidePoolSize({ ...base, requested: 2, tables: blog })).toMatchObject({ procs: 2, forked: true });
  });

  it('lets more workers overlap on a remote server, where reads wait, not on one of this machine', () => {
    const big = [{ table: 'a', rows: 5_000_000 }];
    expect(decidePoolSize({ ...base, server: true, remote: true, rowsPerSecond: 250_000, tables: big }).procs).toBe(4);
    expect(decidePoolSize({ ...base, server: true, remote: false, rowsPerSecond: 250_000, tables: big }).procs).toBe(2);
    expect(decidePoolSize({ ...base, tables: big }).procs).toBe(2);
  });

  it('rows prefiltered in SQL are read faster, so forking pays only for far more of them', () => {
    const prefiltered = (tables: typeof blog) => tables.map((table) => ({ ...table, prefiltered: true }));
    expect(decidePoolSize({ ...base, tables: blog }).procs).toBe(2);
    const demo = decidePoolSize({ ...base, tables: prefiltered(blog) });
    expect(demo).toMatchObject({ procs: 1, forked: false });
    expect(demo.reason).toMatch(/^forking would not pay off \(1,232,687 rows, at an estimated 4,000,000 rows\/s prefiltered in SQL per process, 0\.30 s/);
    const huge = decidePoolSize({ ...base, tables: prefiltered(blog.map((table) => ({ ...table, rows: table.rows * 16 }))) });
    expect(huge).toMatchObject({ procs: 2, forked: true });
    // A table read whole beside prefiltered ones: both rates are counted, and named.
    // On a server of this machine the prefiltering is the server's work, on our CPUs: no gain; a remote one may.
    const server = { ...base, server: true, rowsPerSecond: 250_000, prefilteredRowsPerSecond: 2_500_000 };
    expect(decidePoolSize({ ...server, tables: prefiltered(blog.map((table) => ({ ...table, rows: table.rows * 16 }))) }).procs).toBe(1);
    expect(decidePoolSize({ ...server, remote: true, tables: prefiltered(blog.map((table) => ({ ...table, rows: table.rows * 16 }))) }).procs).toBe(4);
    const mixed = decidePoolSize({ ...base, tables: [...prefiltered(blog.slice(1)), blog[0]] });
    expect(mixed.reason).toMatch(/600,000 rows\/s read whole and 4,000,000 rows\/s prefiltered in SQL/);
  });

  it('a slow project load raises the bar for forking', () => {
    const medium = [{ table: 'a', rows: 1_000_000 }];
    expect(decidePoolSize({ ...base, tables: medium, loadMs: 300 }).procs).toBe(2);
    expect(decidePoolSize({ ...base, tables: medium, loadMs: 2_000 }).procs).toBe(1);
  });

  it('one huge table that cannot be cut (buckets) gains nothing from more workers', () => {
    const skewed = [{ table: 'a', rows: 2_000_000 }, { table: 'b', rows: 10 }];
    expect(decidePoolSize({ ...base, tables: skewed, splits: false }).procs).toBe(1);
    expect(estimateMs({ ...base, tables: skewed, splits: true }, 2)).toBeLessThan(estimateMs({ ...base, tables: skewed, splits: false }, 2));
  });

  it('--procs 1 and --exact-procs are obeyed as given', () => {
    expect(decidePoolSize({ ...base, requested: 1, tables: blog })).toMatchObject({ procs: 1, forked: false, reason: '--procs 1 asks for one process' });
    expect(decidePoolSize({ ...base, exact: true, tables: [{ table: 'a', rows: 7 }] })).toMatchObject({ procs: 8, forked: true });
  });
});

describe('isLocalServer: a server on this machine shares our CPUs', () => {
  const of = (options: Record<string, unknown>) => isLocalServer({ options } as any);
  it('knows loopback hosts, sockets and the default host', () => {
    expect(of({ type: 'postgres', host: '127.0.0.1' })).toBe(true);
    expect(of({ type: 'postgres', host: 'LOCALHOST' })).toBe(true);
    expect(of({ type: 'mysql', socketPath: '/run/mysqld/mysqld.sock' })).toBe(true);
    expect(of({ type: 'postgres' })).toBe(true);
    expect(of({ type: 'postgres', url: 'postgres://u:p@[::1]:5432/db' })).toBe(true);
    expect(of({ type: 'postgres', host: 'db.internal' })).toBe(false);
    expect(of({ type: 'postgres', url: 'postgres://u:p@10.1.2.3/db' })).toBe(false);
  });
});
