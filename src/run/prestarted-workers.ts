import * as os from 'node:os';
import { ForkedWorker } from './forked-worker';
import type { WorkerSetup } from './protocol';

/**
 * Workers forked as soon as a run's options are known, before the manager loads the data
 * source itself: each loads the user's module (TypeScript, TypeORM, the entities) while the
 * manager plans, rather than after it, and they connect together when the plan is ready (on
 * MySQL/MariaDB, where each worker takes its own snapshot, these are then taken together).
 * At most one per CPU: the plan may need fewer workers than --procs asks for (a small
 * database), and a worker costs some 100 MB; any further ones start when the plan needs them.
 * A slot takes its worker when it first needs one; the others (a plan with fewer pieces than
 * processes, a run that ends before scanning) are killed before they connect.
 */
export class PrestartedWorkers {
  private readonly waiting = new Map<number, ForkedWorker>();

  constructor(procs: number, setupOf: (workerNumber: number) => WorkerSetup) {
    const count = procs > 1 ? Math.min(procs, os.availableParallelism()) : 0;
    for (let workerNumber = 1; workerNumber <= count; workerNumber++) {
      this.waiting.set(workerNumber, new ForkedWorker(setupOf(workerNumber)));
    }
  }

  take(workerNumber: number): ForkedWorker | undefined {
    const worker = this.waiting.get(workerNumber);
    this.waiting.delete(workerNumber);
    return worker;
  }

  async dispose(): Promise<void> {
    const unused = [...this.waiting.values()];
    this.waiting.clear();
    for (const worker of unused) worker.kill();
    await Promise.all(unused.map((worker) => worker.exited));
  }
}
