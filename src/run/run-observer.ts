import type { TableDescription } from '../inventory/table-description';
import type { TableReport } from '../report/model';

/** What a run tells the screen while it works (progress bars, plain lines, or nothing). */
export interface RunObserver {
  planned?(tables: TableDescription[], procs: number): void;
  /** `worker` is 0 for the in-process runner, 1..N for forked workers. */
  pieceStarted?(worker: number, label: string, estimatedRows: number): void;
  /** Negative when a crashed worker's rows are taken back (its piece is redone). */
  rowsDone?(worker: number, rows: number): void;
  tableDone?(report: TableReport): void;
  finished?(): void;
}
