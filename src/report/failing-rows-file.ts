import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROW_INDENT } from '../baseline/row-framing';
import { TEXT_CHUNK } from '../text-chunk';
import type { RowKey } from './model';

let filesMade = 0;
/** framedRowLine(`{"key":K,"failures":F}`) is LINE_START, K, then the line's end for F. */
const LINE_START = `${ROW_INDENT}{"key":`;

/**
 * Where a piece's invalid rows go when a baseline needs all of them: one line per row in a
 * file of the run's spill folder, so that neither the worker, the IPC message nor the
 * manager holds them all. Each line is the baseline file's own, framed as there
 * (framedRowLine: indented, a comma after), so that the manager copies the rows as bytes.
 */
export class FailingRowsWriter {
  readonly file: string;
  private pending = '';
  private fd: number | undefined;

  constructor(folder: string) {
    this.file = path.join(folder, `${process.pid}-${++filesMade}.jsonl`);
  }

  /** Most rows fail in one of a few ways: the end of each way's line is made once. */
  private readonly lineEnds = new Map<string, string>();

  /** `failures` sorted; the line is framedRowLine(JSON.stringify({ key, failures })). */
  add(key: RowKey, failures: string[]): void {
    const id = failures.length === 1 ? failures[0] : failures.join('\n');
    let end = this.lineEnds.get(id);
    if (end === undefined) this.lineEnds.set(id, (end = `,"failures":${JSON.stringify(failures)}},\n`));
    this.pending += LINE_START + JSON.stringify(key) + end;
    if (this.pending.length >= TEXT_CHUNK) this.flush();
  }

  /** Writes what is pending and closes the file; returns its path. */
  close(): string {
    this.flush();
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
    return this.file;
  }

  private flush(): void {
    this.fd ??= fs.openSync(this.file, 'w');
    if (this.pending) fs.writeSync(this.fd, this.pending);
    this.pending = '';
  }
}
