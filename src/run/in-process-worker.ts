import { describeError } from '../errors';
import type { Piece } from '../plan/piece';
import type { ScanSession } from '../scan/scan-session';
import type { PieceOutcome, PieceWorker } from './piece-worker';

/** A run that does not fork (--procs 1, or small work): pieces are scanned in this process, with the manager's own DataSource. */
export class InProcessWorker implements PieceWorker {
  readonly pid = process.pid;
  readonly exited = Promise.resolve();
  private stopping = false;

  constructor(private readonly session: ScanSession) {}

  async run(piece: Piece, _label: string, onRows: (rows: number) => void): Promise<PieceOutcome> {
    try {
      const { report, complete } = await this.session.scanner(piece.table).scan(piece.range, {
        countedRows: piece.countedRows,
        onRows,
        isCancelled: () => this.stopping,
      });
      return { kind: 'done', report, complete };
    } catch (error) {
      return { kind: 'failed', message: describeError(error) };
    }
  }

  stop(): void {
    this.stopping = true;
  }

  kill(): void {
    this.stopping = true;
  }
}
