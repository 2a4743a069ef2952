import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { TableDescription } from '../inventory/table-description';
import type { PieceResult } from '../report/piece-result';
import { plural } from '../report/wording';
import { compareWithBaseline } from './compare-piece';
import { KnownRows } from './known-rows';
import { openPreviousBaseline, type PreviousBaseline } from './previous-baseline';
import { streamBaselineUpdate, type ScannedRun } from './stream-update';

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

/**
 * A run's baseline: checked before the scan (bad files fail fast), applied to the piece
 * results after it. --update-baseline reads the previous rows from the file again then,
 * entity by entity; a comparison indexes them (KnownRows) before the scan.
 */
export class BaselineRun {
  private readonly previous: PreviousBaseline;
  private readonly known: KnownRows | undefined;
  private updatedRows: Map<string, number> | undefined;
  private spill: string | undefined;
  update: BaselineUpdate | undefined;

  constructor(readonly option: BaselineOption) {
    this.previous = openPreviousBaseline(option.file, option.update);
    this.known = option.update ? undefined : new KnownRows(this.previous);
  }

  /**
   * With --update-baseline, first replaces the entries of the tables of this run with the
   * rows found invalid now (other entities keep theirs when run.keepUnscanned, else are
   * dropped) and writes the file when the scan is complete. Returns the results with each
   * piece's new invalid rows marked.
   */
  apply(run: ScannedRun, maxSamples: number, complete: boolean): PieceResult[] {
    const { tables, results } = run;
    const entityOf = new Map(tables.map((table) => [table.table, table.entity]));
    if (this.option.update) {
      const { rowsOf, ...changes } = streamBaselineUpdate(this.previous, run, this.option.file, complete);
      this.update = { file: this.option.file, written: complete, ...changes };
      this.updatedRows = rowsOf;
      // The new baseline lists every invalid row of this run with its very failures: none is new.
      return results.map((result) => (result.report
        ? { ...result, report: { ...result.report, newInvalidRows: 0, knownInvalidRows: result.report.invalidRows, newViolations: [], newSamples: [] } }
        : result));
    }
    return results.map((result) => (result.report
      ? { ...result, report: compareWithBaseline(result.report, this.known!.of(entityOf.get(result.table)!), maxSamples) }
      : result));
  }

  /** The run's folder for the workers' files of invalid rows (removed by dispose()). */
  get spillDir(): string {
    if (!this.spill) {
      this.spill = fs.mkdtempSync(path.join(os.tmpdir(), 'validate-records-rows-'));
      process.once('exit', () => this.dispose()); // also when the run ends before its finally
    }
    return this.spill;
  }

  dispose(): void {
    if (this.spill) fs.rmSync(this.spill, { recursive: true, force: true });
  }

  /** Identifies the baseline's content, so that shards compared with different baselines are not merged. */
  fingerprint(): string {
    return this.previous.fingerprint();
  }

  rowsOf(entity: string): number {
    return this.updatedRows?.get(entity) ?? this.known?.count(entity) ?? 0;
  }
}

/** The line --update-baseline prints on stderr. */
export function describeBaselineUpdate(update: BaselineUpdate): string {
  const changes = `+${update.added} new, -${update.removed} fixed or gone, ${update.changed} with other failures`;
  return update.written
    ? `baseline ${update.file} updated: ${plural(update.rows, 'invalid row')} (${changes}).`
    : `baseline ${update.file} NOT updated: the scan did not complete, and a partial list would drop known rows.`;
}
