import * as crypto from 'node:crypto';
import type { TableDescription } from '../inventory/table-description';
import type { RowFailures } from '../report/model';
import { resultsByTable, type PieceResult } from '../report/piece-result';
import { readBaseline, serializeBaseline, writeBaseline, type Baseline } from './baseline-file';
import { compareWithBaseline } from './compare-piece';
import { KnownRows } from './known-rows';
import { keyId } from './row-key';

export interface BaselineOption {
  file: string;
  /** --update-baseline: record this run's invalid rows, then compare with them. */
  update: boolean;
}

/** What --update-baseline did, for the line the CLI prints. */
export interface BaselineUpdate {
  file: string;
  /** False when the scan did not complete (an error or a stop): a partial list would drop known rows. */
  written: boolean;
  rows: number;
  added: number;
  removed: number;
  changed: number;
}

/** A run's baseline: read before the scan (bad files fail fast), applied to the piece results after it. */
export class BaselineRun {
  private readonly previous: Baseline;
  private known: KnownRows;
  update: BaselineUpdate | undefined;

  constructor(readonly option: BaselineOption) {
    this.previous = readBaseline(option.file, option.update);
    this.known = new KnownRows(this.previous);
  }

  /**
   * With --update-baseline, first replaces the entries of the tables of this run with the
   * rows found invalid now (other entities keep theirs) and writes the file when the scan
   * is complete. Returns the results with each piece's new invalid rows marked.
   */
  apply(tables: TableDescription[], results: PieceResult[], maxSamples: number, complete: boolean): PieceResult[] {
    const entityOf = new Map(tables.map((table) => [table.table, table.entity]));
    if (this.option.update) {
      const next = new Map(this.previous);
      for (const [entity, rows] of failingRowsByEntity(tables, results)) next.set(entity, rows);
      if (complete) writeBaseline(this.option.file, next);
      this.update = { file: this.option.file, written: complete, ...countChanges(this.previous, next) };
      this.known = new KnownRows(next);
    }
    return results.map((result) => (result.report
      ? { ...result, report: compareWithBaseline(result.report, this.known.of(entityOf.get(result.table)!), maxSamples) }
      : result));
  }

  /** Identifies the baseline's content, so that shards compared with different baselines are not merged. */
  fingerprint(): string {
    return crypto.createHash('sha256').update(serializeBaseline(this.previous)).digest('hex').slice(0, 16);
  }

  rowsOf(entity: string): number {
    return this.known.count(entity);
  }
}

/** Every reported table's invalid rows in key order; tables without validators have none. */
function failingRowsByEntity(tables: TableDescription[], results: PieceResult[]): Map<string, RowFailures[]> {
  const byTable = resultsByTable(results);
  return new Map(tables.map((table) => [
    table.entity,
    (byTable.get(table.table) ?? []).flatMap((result) => result.report?.failingRows ?? []),
  ]));
}

function countChanges(before: Baseline, after: Baseline): Omit<BaselineUpdate, 'file' | 'written'> {
  const index = (baseline: Baseline) => {
    const rows = new Map<string, string>();
    for (const [entity, list] of baseline) {
      for (const row of list) rows.set(`${entity}\0${keyId(row.key)}`, [...row.failures].sort().join(','));
    }
    return rows;
  };
  const old = index(before);
  const now = index(after);
  let added = 0;
  let changed = 0;
  for (const [id, failures] of now) {
    if (!old.has(id)) added++;
    else if (old.get(id) !== failures) changed++;
  }
  const removed = [...old.keys()].filter((id) => !now.has(id)).length;
  return { rows: now.size, added, removed, changed };
}

/** The line --update-baseline prints on stderr. */
export function describeBaselineUpdate(update: BaselineUpdate): string {
  const changes = `+${update.added} new, -${update.removed} fixed or gone, ${update.changed} with other failures`;
  return update.written
    ? `baseline ${update.file} updated: ${update.rows} invalid rows (${changes}).`
    : `baseline ${update.file} NOT updated: the scan did not complete, and a partial list would drop known rows.`;
}
