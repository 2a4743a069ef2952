import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RowKey } from './model';

const FLUSH_AT = 1 << 20;
let filesMade = 0;

/**
 * Where a piece's invalid rows go when a baseline needs all of them: one JSON line per row
 * ({"key":...,"failures":[...]}, the baseline file's own line) in a file of the run's spill
 * folder, so that neither the worker, the IPC message nor the manager holds them all.
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
    this.pending += `{"key":${JSON.stringify(key)},"failures":${json}}\n`;
    if (this.pending.length >= FLUSH_AT) this.flush();
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

/** Calls `each` with every line of `file` (without its newline), reading it in chunks. */
export function forEachLine(file: string, each: (line: string) => void): void {
  const fd = fs.openSync(file, 'r');
  const chunk = Buffer.alloc(FLUSH_AT);
  let rest = '';
  try {
    for (;;) {
      const read = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      const text = rest + chunk.toString('utf8', 0, read);
      const lines = text.split('\n');
      rest = lines.pop()!;
      for (const line of lines) each(line);
    }
  } finally {
    fs.closeSync(fd);
  }
  if (rest) each(rest);
}
