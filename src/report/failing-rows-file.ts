import * as fs from 'node:fs';
import * as path from 'node:path';
import { framedRowLine } from '../baseline/row-framing';
import { TEXT_CHUNK } from '../text-chunk';
import type { RowKey } from './model';

let filesMade = 0;

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

  /** Most rows fail in one of a few ways: each way's JSON is made once. */
  private readonly failuresJson = new Map<string, string>();

  /** `failures` sorted; the line is JSON.stringify({ key, failures }). */
  add(key: RowKey, failures: string[]): void {
    const id = failures.join('\n');
    let json = this.failuresJson.get(id);
    if (json === undefined) this.failuresJson.set(id, (json = JSON.stringify(failures)));
    this.pending += framedRowLine(`{"key":${JSON.stringify(key)},"failures":${json}}`);
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
