import { ForkedWorker } from './forked-worker';
import type { WorkerSetup } from './protocol';

/**
 * The run's workers, forked as soon as its options are known, before the manager loads the
 * data source itself: each loads the user's module (TypeScript, TypeORM, the entities) while
 * the manager plans, rather than after it, and all of them connect at once when the plan is
 * ready (on MySQL/MariaDB, where each worker takes its own snapshot, these are then taken
 * together). A slot takes its worker when it first needs one; the others (a plan with fewer
 * pieces than processes, a run that ends before scanning) are killed before they connect.
 */
export class PrestartedWorkers {
  private readonly waiting = new Map<number, ForkedWorker>();

  constructor(procs: number, setupOf: (workerNumber: number) => WorkerSetup) {
    const count = procs > 1 ? procs : 0;
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
