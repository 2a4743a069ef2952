/**
 * Entry point of a forked worker (child process side of the pool). Opens its own
 * DataSource, then scans the pieces the manager sends, one at a time, answering each
 * with a piece report. Runs until told to stop or until the manager goes away.
 */
import { loadEnvFiles } from '../datasource/env-files';
import { initializeDataSource, loadDataSource } from '../datasource/open-data-source';
import type { DataSource } from '../datasource/typeorm-types';
import { describeError } from '../errors';
import { ScanSession } from '../scan/scan-session';
import { loadClassValidator } from '../validation/class-validator-api';
import {
  CHILD_DONE, CHILD_FAILED, CHILD_FATAL, CHILD_PROGRESS, CHILD_READY,
  PARENT_BEGIN, PARENT_INIT, PARENT_SCAN, PARENT_STOP, type ChildMessage, type ParentMessage, type WorkerSetup,
} from './protocol';
import { setTitle, workerTitle } from './process-title';

const PROGRESS_EVERY_MS = 200;
const MANAGER_CHECK_MS = 250;

// Tells the user's modules (and the demo fixtures) they run in a worker, not the manager.
process.env.VALIDATE_RECORDS_WORKER = '1';

let setup: WorkerSetup | undefined;
let loading: Promise<DataSource> | undefined;
let session: ScanSession | undefined;
let workerNumber = 0;
let stopping = false;
let busy = false;

function send(message: ChildMessage): void {
  if (process.connected) process.send!(message);
}

function load(given: WorkerSetup): void {
  setup = given;
  workerNumber = given.workerNumber;
  setTitle(workerTitle(workerNumber, 'loading the data source'));
  loading = (async () => {
    loadEnvFiles(given.envFiles);
    return loadDataSource(given.dataSource);
  })();
  loading.catch(fatal);
}

async function begin(snapshot: string | null): Promise<void> {
  let dataSource: DataSource;
  try {
    dataSource = await loading!;
  } catch {
    return; // load() has reported it
  }
  setTitle(workerTitle(workerNumber, 'opening the data source'));
  try {
    await initializeDataSource(dataSource, setup!.dataSource);
    session = await ScanSession.open(dataSource, loadClassValidator(setup!.dataSource), setup!.settings, snapshot);
  } catch (error) {
    fatal(error);
    return;
  }
  setTitle(workerTitle(workerNumber, 'idle'));
  send([CHILD_READY]);
}

function fatal(error: unknown): void {
  send([CHILD_FATAL, describeError(error)]);
  process.exit(1);
}

async function scan(message: Extract<ParentMessage, [typeof PARENT_SCAN, ...unknown[]]>): Promise<void> {
  const [, pieceId, table, range, label, countedRows] = message;
  busy = true;
  setTitle(workerTitle(workerNumber, label));
  let unreported = 0;
  let lastSent = Date.now();
  try {
    const { report, complete } = await session!.scanner(table).scan(range, {
      countedRows: countedRows ?? undefined,
      isCancelled: () => stopping,
      onRows: (rows) => {
        unreported += rows;
        const now = Date.now();
        if (now - lastSent >= PROGRESS_EVERY_MS) {
          send([CHILD_PROGRESS, pieceId, unreported]);
          unreported = 0;
          lastSent = now;
        }
      },
    });
    if (unreported > 0) send([CHILD_PROGRESS, pieceId, unreported]);
    send([CHILD_DONE, pieceId, report, complete]);
  } catch (error) {
    send([CHILD_FAILED, pieceId, describeError(error)]);
  }
  busy = false;
  setTitle(workerTitle(workerNumber, 'idle'));
  if (stopping) await finish();
}

async function finish(): Promise<void> {
  try {
    await session?.close();
    await session?.dataSource.destroy();
  } finally {
    process.exit(0);
  }
}

// Ctrl-C reaches the whole process group; the manager decides what stops and when.
process.on('SIGINT', () => undefined);
// Without its manager, a worker has no one to report to: the IPC channel closes when the
// manager exits, and when the kernel kills it its children are re-parented (ppid changes).
process.on('disconnect', () => process.exit(0));
const managerPid = process.ppid;
setInterval(() => {
  if (process.ppid !== managerPid) process.exit(0);
}, MANAGER_CHECK_MS).unref();

process.on('message', (message: ParentMessage) => {
  switch (message[0]) {
    case PARENT_INIT:
      load(message[1]);
      break;
    case PARENT_BEGIN:
      void begin(message[1]);
      break;
    case PARENT_SCAN:
      void scan(message);
      break;
    case PARENT_STOP:
      stopping = true;
      if (!busy) void finish();
      break;
  }
});
