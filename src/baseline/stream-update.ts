import { ByteStream, type ByteRange } from '../byte-stream';
import { compareText } from '../compare-text';
import type { TableDescription } from '../inventory/table-description';
import { forEachLine } from '../line-reader';
import { resultsByTable, type PieceResult } from '../report/piece-result';
import { BASELINE_VERSION } from './baseline-file';
import { BaselineWriter } from './baseline-writer';
import { KeyOrderMerge, type RowChanges } from './key-order-merge';
import type { PreviousBaseline } from './previous-baseline';
import { framedRowLine, unframeRowLine } from './row-framing';
import { compareKeys, keyId } from './row-key';
import { RowLine } from './row-line';
import { copyRest, mergeSection } from './section-merge';

/** What a run scanned, and whether the baseline's other entities stay (a run limited by --only/--except). */
export interface ScannedRun {
  tables: TableDescription[];
  results: PieceResult[];
  keepUnscanned: boolean;
}

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
 * entities of this run take the rows of their pieces (the workers' spill files, in key
 * order); the others keep the previous baseline's lines when `keepUnscanned` (a run limited
 * by --only/--except), else they are gone from the data source and dropped. The file is
 * written under a temporary name and renamed (`write` false: only counted, for a scan that
 * did not complete). Same layout as serializeBaseline: entities by name, one row per line.
 * Rows go from file to file as bytes where the previous file is in this tool's layout.
 */
export function streamBaselineUpdate(previous: PreviousBaseline, run: ScannedRun, file: string, write: boolean): StreamedUpdate {
  const { tables, results } = run;
  const byTable = resultsByTable(results);
  const runRows = new Map<string, NewRows>();
  for (const table of tables) {
    const reports = (byTable.get(table.table) ?? []).flatMap((result) => (result.report ? [result.report] : []));
    runRows.set(table.entity, {
      // A spill file holds one line per invalid row of its piece.
      count: reports.reduce((sum, report) => sum + report.invalidRows, 0),
      files: reports.flatMap((report) => (report.invalidRows > 0 ? [{ file: report.failingRowsFile!, start: 0 }] : [])),
    });
  }
  const out = write ? new BaselineWriter(file) : undefined;
  const counts: StreamedUpdate = { rows: 0, added: 0, removed: 0, changed: 0, rowsOf: new Map() };
  try {
    out?.write(`{\n  "version": ${BASELINE_VERSION},\n  "entities": `);
    let blocks = 0;
    const entities = [...new Set([...previous.entities, ...runRows.keys()])].sort(compareText);
    for (const entity of entities) {
      const fresh = runRows.get(entity);
      if (!fresh && !run.keepUnscanned) {
        counts.removed += keepEntity(previous, entity, undefined);
        counts.rowsOf.set(entity, 0);
        continue;
      }
      const listed = fresh ? fresh.count > 0 : previous.entities.includes(entity);
      if (listed) out?.write(`${blocks === 0 ? '{\n' : ',\n'}    ${JSON.stringify(entity)}: [\n`);
      const rows = fresh ? updateEntity(previous, entity, fresh, listed ? out : undefined, counts) : keepEntity(previous, entity, out);
      if (listed) {
        out?.dropFinalComma();
        out?.write('    ]');
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

/** An entity's invalid rows of this run: how many, and the spill files holding them. */
interface NewRows {
  count: number;
  files: ByteRange[];
}

/** The previous rows of an entity this run did not scan, copied; returns how many. */
function keepEntity(previous: PreviousBaseline, entity: string, out: BaselineWriter | undefined): number {
  const bytes = previous.rowBytes(entity);
  if (bytes) return copyLines([bytes], out);
  let rows = 0;
  for (const row of previous.rows(entity)) {
    out?.write(framedRowLine(row.text));
    rows++;
  }
  return rows;
}

/** Writes an entity's rows of this run and adds its changes to `counts`; returns its rows. */
function updateEntity(previous: PreviousBaseline, entity: string, fresh: NewRows, out: BaselineWriter | undefined, counts: RowChanges): number {
  const changes = countChanges(previous, entity, fresh.files, out);
  counts.added += changes.added;
  counts.removed += changes.removed;
  counts.changed += changes.changed;
  return fresh.count;
}

/**
 * Writes the new rows and counts the changes against the previous rows: side by side in
 * key order when both sides are in compareKeys order (as bytes when the previous file is in
 * this tool's layout), else (text keys in a collation's order, say) with an index of the
 * previous rows and a second read of the new ones, exact but in memory.
 */
function countChanges(previous: PreviousBaseline, entity: string, fresh: ByteRange[], out: BaselineWriter | undefined): RowChanges {
  if (!previous.entities.includes(entity)) return { added: copyLines(fresh, out), removed: 0, changed: 0 };
  const bytes = previous.rowBytes(entity);
  let walked: RowChanges | undefined;
  if (!bytes) walked = mergeAsLines(previous, entity, fresh, out);
  else if (previous.sorted(entity)) walked = mergeAsBytes(bytes, fresh, out);
  else copyLines(fresh, out); // the previous rows are in another order: no walk
  return walked ?? countWithIndex(previous.rows(entity), fresh);
}

/** Writes the row lines of these byte ranges as they are; returns how many. */
function copyLines(lines: ByteRange[], out: BaselineWriter | undefined): number {
  const stream = new ByteStream(lines);
  try {
    return copyRest(stream, out);
  } finally {
    stream.close();
  }
}

function mergeAsBytes(bytes: ByteRange, fresh: ByteRange[], out: BaselineWriter | undefined): RowChanges | undefined {
  const old = new ByteStream([bytes]);
  const stream = new ByteStream(fresh);
  try {
    return mergeSection(old, stream, out);
  } finally {
    old.close();
    stream.close();
  }
}

/** For a file read whole: its rows sorted in memory, and walked beside the new ones line by line. */
function mergeAsLines(previous: PreviousBaseline, entity: string, fresh: ByteRange[], out: BaselineWriter | undefined): RowChanges | undefined {
  const sorted = [...previous.rows(entity)].sort((a, b) => compareKeys(a.key.key, b.key.key));
  const merge = new KeyOrderMerge(sorted);
  try {
    forEachNewLine(fresh, (line, framed) => {
      out?.write(`${framed}\n`);
      merge.add(line);
    });
    return merge.finish();
  } finally {
    merge.close();
  }
}

function countWithIndex(previousRows: Iterable<RowLine>, fresh: ByteRange[]): RowChanges {
  const old = new Map<string, string>();
  for (const row of previousRows) old.set(keyId(row.key.key), row.failuresText);
  const changes: RowChanges = { added: 0, removed: 0, changed: 0 };
  let seen = 0;
  forEachNewLine(fresh, (line) => {
    const row = new RowLine(line);
    const before = old.get(keyId(row.key.key));
    if (before === undefined) changes.added++;
    else {
      seen++;
      if (before !== row.failuresText) changes.changed++;
    }
  });
  changes.removed = old.size - seen;
  return changes;
}

/** Each line of the spill files: the row line, and as framed there. */
function forEachNewLine(fresh: ByteRange[], each: (line: string, framed: string) => void): void {
  for (const { file } of fresh) forEachLine(file, (framed) => each(unframeRowLine(framed)!, framed));
}
