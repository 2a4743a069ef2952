import type { PieceWorker } from './piece-worker';

/** After a graceful stop request, workers get this long before they are killed. */
const STOP_GRACE_MS = 5_000;

/**
 * The one owner of a run's workers (parent side): a fixed number of slots, each holding
 * at most one live worker. A slot whose worker died gets a new one the next time it is
 * asked for; stopping and killing go through here, and close() leaves no worker behind.
 * What a worker is (a forked child, or this process) is the factory's business.
 */
export class WorkerPool {
  private readonly slots: Array<PieceWorker | undefined>;
  private readonly everStarted: PieceWorker[] = [];
  private closed = false;

  constructor(
    readonly size: number,
    private readonly startWorker: (workerNumber: number) => PieceWorker,
    private readonly onWorkersChanged: (pids: number[]) => void = () => undefined,
  ) {
    this.slots = new Array(size).fill(undefined);
  }

  /** Starts every slot's worker now, so that slow starts (loading the data source) overlap other work. */
  prestart(): void {
    for (let slot = 0; slot < this.size; slot++) this.worker(slot);
  }

  /** The slot's live worker, started (or replaced after a death) when it has none. */
  worker(slot: number): PieceWorker {
    if (this.closed) throw new Error('the worker pool is closed');
    let worker = this.slots[slot];
    if (!worker) {
      worker = this.slots[slot] = this.startWorker(slot + 1);
      this.everStarted.push(worker);
      this.announce();
    }
    return worker;
  }

  /** The slot's worker died: the next worker(slot) starts a new one. */
  lost(slot: number): void {
    this.slots[slot] = undefined;
    this.announce();
  }

  /** The slot has no more work: its worker finishes and quits. */
  async retire(slot: number): Promise<void> {
    const worker = this.slots[slot];
    if (!worker) return;
    worker.stop();
    await worker.exited;
  }

  /** A stop request: gracefully (finish the batch, report, quit; killed after a grace period) or at once. */
  stopAll(force: boolean): void {
    for (const worker of this.slots) {
      if (!worker) continue;
      if (force) worker.kill();
      else {
        worker.stop();
        setTimeout(() => worker.kill(), STOP_GRACE_MS).unref();
      }
    }
  }

  pids(): number[] {
    return this.slots.filter((worker): worker is PieceWorker => worker !== undefined).map((worker) => worker.pid);
  }

  /** Kills whatever is still running and waits until every worker ever started is gone. */
  async close(): Promise<void> {
    this.closed = true;
    for (const worker of this.everStarted) worker.kill();
    await Promise.all(this.everStarted.map((worker) => worker.exited));
  }

  private announce(): void {
    this.onWorkersChanged(this.pids());
  }
}
