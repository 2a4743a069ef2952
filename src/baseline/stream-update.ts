import * as fs from 'node:fs';
import * as path from 'node:path';
import { compareText } from '../compare-text';
import { UserError } from '../errors';
import type { TableDescription } from '../inventory/table-description';
import { forEachLine } from '../line-reader';
import { TEXT_CHUNK } from '../text-chunk';
import type { PieceReport } from '../report/model';
import { resultsByTable, type PieceResult } from '../report/piece-result';
import { BASELINE_VERSION, rowLine } from './baseline-file';
import { KeyOrderMerge, type RowChanges } from './key-order-merge';
import type { PreviousBaseline } from './previous-baseline';
import { keyId } from './row-key';
import { RowLine } from './row-line';

export interface StreamedUpdate {
  rows: number;
  added: number;
  removed: number;
  changed: number;
  /** Rows of each entity in the new baseline. */
  rowsOf: Map<string, number>;
}

/**
 * --update-baseline without holding the run's invalid rows nor the previous ones: the
 * entities of this run take the rows of their pieces (read line by line from the workers'
 * spill files, in key order), the others keep the previous baseline's lines; the file is
 * written under a temporary name and renamed (`write` false: only counted, for a scan that
 * did not complete). Same layout as serializeBaseline: entities by name, one row per line.
 */
export function streamBaselineUpdate(previous: PreviousBaseline, tables: TableDescription[], results: PieceResult[], file: string, write: boolean): StreamedUpdate {
  const byTable = resultsByTable(results);
  const runPieces = new Map<string, PieceReport[]>();
  for (const table of tables) {
    runPieces.set(table.entity, (byTable.get(table.table) ?? []).flatMap((result) => (result.report ? [result.report] : [])));
  }
  const out = write ? new BufferedFile(file) : undefined;
  const counts: StreamedUpdate = { rows: 0, added: 0, removed: 0, changed: 0, rowsOf: new Map() };
  try {
    out?.write(`{\n  "version": ${BASELINE_VERSION},\n  "entities": `);
    let blocks = 0;
    const entities = [...new Set([...previous.entities, ...runPieces.keys()])].sort(compareText);
    for (const entity of entities) {
      const pieces = runPieces.get(entity);
      let rows = 0;
      const line = (text: string) => {
        out?.write(`${rows === 0 ? `${blocks === 0 ? '{\n' : ',\n'}    ${JSON.stringify(entity)}: [\n` : ',\n'}      ${text}`);
        rows++;
      };
      if (pieces) {
        const changes = countChanges(previous, entity, pieces, line);
        counts.added += changes.added;
        counts.removed += changes.removed;
        counts.changed += changes.changed;
      } else {
        for (const row of previous.rows(entity)) line(row.text);
      }
      if (rows > 0) {
        out?.write('\n    ]');
        blocks++;
      }
      counts.rowsOf.set(entity, rows);
      counts.rows += rows;
    }
    out?.write(blocks > 0 ? '\n  }\n}\n' : '{}\n}\n');
    out?.commit();
  } finally {
    out?.abandon();
  }
  return counts;
}

/**
 * Passes every new row of an entity to `each` and counts the changes against the previous
 * rows: side by side in key order when both sides are in compareKeys order, else (text keys
 * in a collation's order, say) with an index of the previous rows and a second read of the
 * new ones, exact but in memory.
 */
function countChanges(previous: PreviousBaseline, entity: string, pieces: PieceReport[], each: (line: string) => void): RowChanges {
  const merge = new KeyOrderMerge(previous.rows(entity), previous.strictlySorted);
  let counted: RowChanges | undefined;
  try {
    for (const piece of pieces) {
      forEachFailingLine(piece, (text) => {
        each(text);
        merge.add(text);
      });
    }
    counted = merge.finish();
  } finally {
    merge.close();
  }
  return counted ?? countWithIndex(previous.rows(entity), pieces);
}

function countWithIndex(previousRows: Iterable<RowLine>, pieces: PieceReport[]): RowChanges {
  const old = new Map<string, string>();
  for (const row of previousRows) old.set(keyId(row.key.key), row.failuresText);
  const changes: RowChanges = { added: 0, removed: 0, changed: 0 };
  let seen = 0;
  for (const piece of pieces) {
    forEachFailingLine(piece, (text) => {
      const row = new RowLine(text);
      const before = old.get(keyId(row.key.key));
      if (before === undefined) changes.added++;
      else {
        seen++;
        if (before !== row.failuresText) changes.changed++;
      }
    });
  }
  changes.removed = old.size - seen;
  return changes;
}

function forEachFailingLine(piece: PieceReport, each: (line: string) => void): void {
  if (piece.failingRowsFile) forEachLine(piece.failingRowsFile, each);
  else for (const row of piece.failingRows ?? []) each(rowLine(row));
}

/** Buffered writes to `<file>.<pid>.tmp`, renamed onto `file` by commit(). */
class BufferedFile {
  private readonly temporary: string;
  private readonly fd: number;
  private pending = '';
  private done = false;

  constructor(private readonly file: string) {
    const absolute = path.resolve(file);
    this.temporary = `${absolute}.${process.pid}.tmp`;
    try {
      fs.mkdirSync(path.dirname(absolute), { recursive: true });
      this.fd = fs.openSync(this.temporary, 'w');
    } catch (error) {
      throw new UserError(`The baseline file ${absolute} could not be written: ${(error as Error).message}`);
    }
  }

  write(text: string): void {
    this.pending += text;
    if (this.pending.length >= TEXT_CHUNK) this.flush();
  }

  commit(): void {
    this.flush();
    fs.closeSync(this.fd);
    fs.renameSync(this.temporary, path.resolve(this.file));
    this.done = true;
  }

  abandon(): void {
    if (this.done) return;
    try {
      fs.closeSync(this.fd);
    } catch {
      // already closed
    }
    fs.rmSync(this.temporary, { force: true });
  }

  private flush(): void {
    if (this.pending) fs.writeSync(this.fd, this.pending);
    this.pending = '';
  }
}
