import { shareSnapshot, type SharedSnapshot } from '../consistency/shared-snapshot';
import type { DataSource } from '../datasource/typeorm-types';
import { ScanSession, type SessionSettings } from '../scan/scan-session';
import type { ClassValidatorApi } from '../validation/class-validator-api';
import { ForkedWorker } from './forked-worker';
import { InProcessWorker } from './in-process-worker';
import type { PoolSize } from './pool-size';
import { managerTitle, setTitle } from './process-title';
import { WorkerPool } from './worker-pool';

export interface WorkerContext {
  /** The manager's own DataSource, initialized. */
  dataSource: DataSource;
  /** The module the workers load it from. */
  dataSourceModule: string;
  /** Env files the workers load before the module (--env-file). */
  envFiles: string[];
  classValidator: ClassValidatorApi | undefined;
  settings: SessionSettings;
}

/**
 * The workers of one run, from start to close. Forked workers are forked at start() and
 * load the data source module while the manager plans; connect() hands them the manager's
 * snapshot (PostgreSQL: the one every worker adopts; elsewhere each takes its own, and the
 * manager's connection is closed, as it is no longer needed) and lets them connect
 * together. In-process, connect() opens the read session on the manager's DataSource.
 */
export class RunWorkers {
  private snapshot: SharedSnapshot | undefined;
  private session: ScanSession | undefined;
  private readonly forked: ForkedWorker[] = [];
  readonly pool: WorkerPool;

  private constructor(readonly size: PoolSize, private readonly context: WorkerContext) {
    this.pool = size.forked
      ? new WorkerPool(size.procs, (n) => this.fork(n), (pids) => setTitle(managerTitle(pids)))
      : new WorkerPool(1, () => new InProcessWorker(this.session!));
  }

  static start(size: PoolSize, context: WorkerContext): RunWorkers {
    const workers = new RunWorkers(size, context);
    if (size.forked) workers.pool.prestart();
    return workers;
  }

  async connect(): Promise<WorkerPool> {
    const { dataSource, classValidator, settings } = this.context;
    if (!this.size.forked) {
      this.session = await ScanSession.open(dataSource, classValidator, settings);
      return this.pool;
    }
    this.snapshot = await shareSnapshot(dataSource);
    if (this.snapshot.id === null) await dataSource.destroy();
    for (const worker of this.forked) worker.begin(this.snapshot.id);
    return this.pool;
  }

  /** Every worker gone, the snapshot and the session released. The manager's DataSource stays as it is. */
  async close(): Promise<void> {
    try {
      await this.pool.close();
    } finally {
      await this.snapshot?.release();
      await this.session?.close();
    }
  }

  private fork(workerNumber: number): ForkedWorker {
    const worker = new ForkedWorker({ workerNumber, dataSource: this.context.dataSourceModule, envFiles: this.context.envFiles, settings: this.context.settings });
    // A replacement for a dead worker connects at once, in the snapshot the others read.
    if (this.snapshot) worker.begin(this.snapshot.id);
    this.forked.push(worker);
    return worker;
  }
}
