import { fork, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import type { Piece } from '../plan/piece';
import type { PieceOutcome, PieceWorker } from './piece-worker';
import {
  CHILD_DONE, CHILD_FAILED, CHILD_FATAL, CHILD_PROGRESS, CHILD_READY,
  PARENT_BEGIN, PARENT_INIT, PARENT_SCAN, PARENT_STOP, type ChildMessage, type ParentMessage, type WorkerSetup,
} from './protocol';
import { TITLE_ROOM_ARGUMENT } from './process-title';

const WORKER_SCRIPT = path.join(__dirname, 'worker-main.js');

interface Running {
  pieceId: number;
  onRows: (rows: number) => void;
  resolve: (outcome: PieceOutcome) => void;
}

/**
 * The manager's handle on one forked child (parent side of the pool). Forking starts the
 * child loading the data source module; begin() lets it connect (see the protocol).
 */
export class ForkedWorker implements PieceWorker {
  readonly exited: Promise<void>;
  private readonly child: ChildProcess;
  private readonly ready: Promise<string | null>;
  private running: Running | undefined;
  private fatal: string | undefined;
  private gone = false;
  /** It answered READY: it handles messages between batches from now on. */
  private connected = false;

  constructor(setup: WorkerSetup) {
    this.child = fork(WORKER_SCRIPT, [TITLE_ROOM_ARGUMENT], {
      serialization: 'advanced',
      // A worker's stdout would mix into the report: user modules that print go to stderr.
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
      execArgv: process.execArgv.filter((arg) => !arg.startsWith('--inspect')),
    });
    // Not pipe(): each pipe adds listeners to process.stderr, and 11 workers trip Node's MaxListenersExceededWarning.
    this.child.stdout!.on('data', (chunk: Buffer) => process.stderr.write(chunk));
    let markReady: (fatal: string | null) => void;
    this.ready = new Promise((resolve) => (markReady = resolve));
    this.child.on('message', (message: ChildMessage) => this.receive(message, markReady));
    this.exited = new Promise((resolve) => {
      this.child.on('exit', (code, signal) => {
        this.gone = true;
        const why = this.fatal ?? (signal ? `killed by ${signal}` : `exited with code ${code}`);
        markReady(why);
        this.finishRunning({
          kind: 'crashed',
          message: `worker ${setup.workerNumber} (pid ${this.child.pid}) ${why}`,
          cannotStart: this.fatal !== undefined,
        });
        resolve();
      });
    });
    this.child.on('error', () => undefined); // 'exit' follows and says what happened
    this.send([PARENT_INIT, setup]);
  }

  /** Connect and open the read session, in `snapshot` on PostgreSQL; run() waits until the worker is ready. */
  begin(snapshot: string | null): this {
    this.send([PARENT_BEGIN, snapshot]);
    return this;
  }

  get pid(): number {
    return this.child.pid ?? 0;
  }

  async run(piece: Piece, label: string, onRows: (rows: number) => void): Promise<PieceOutcome> {
    const problem = await this.ready;
    if (problem !== null || this.gone) {
      return { kind: 'crashed', message: problem ?? 'worker is gone', cannotStart: this.fatal !== undefined };
    }
    return new Promise((resolve) => {
      this.running = { pieceId: piece.id, onRows, resolve };
      this.send([PARENT_SCAN, piece.id, piece.table, piece.range, label, piece.countedRows ?? null]);
    });
  }

  stop(): void {
    // A worker still loading the user's module or connecting could not read the message
    // until that ends, and has no rows to report: it is simply ended (it has only read).
    if (!this.connected) this.kill();
    else this.send([PARENT_STOP]);
  }

  kill(): void {
    if (!this.gone) this.child.kill('SIGKILL');
  }

  private receive(message: ChildMessage, markReady: (fatal: string | null) => void): void {
    switch (message[0]) {
      case CHILD_READY:
        this.connected = true;
        markReady(null);
        break;
      case CHILD_FATAL:
        this.fatal = `could not start: ${message[1]}`;
        break;
      case CHILD_PROGRESS:
        if (this.running?.pieceId === message[1]) this.running.onRows(message[2]);
        break;
      case CHILD_DONE:
        if (this.running?.pieceId === message[1]) this.finishRunning({ kind: 'done', report: message[2], complete: message[3] });
        break;
      case CHILD_FAILED:
        if (this.running?.pieceId === message[1]) this.finishRunning({ kind: 'failed', message: message[2] });
        break;
    }
  }

  private finishRunning(outcome: PieceOutcome): void {
    const running = this.running;
    this.running = undefined;
    running?.resolve(outcome);
  }

  private send(message: ParentMessage): void {
    if (!this.gone && this.child.connected) this.child.send(message, () => undefined);
  }
}
