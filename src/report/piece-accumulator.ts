import type { Finding } from '../validation/flatten-errors';
import { FailingRowsWriter } from './failing-rows-file';
import { jsonSafe } from './json-safe';
import { addMessages, type PieceReport, type RowFailures, type RowKey, type Sample, type ViolationCount } from './model';
import { violationId } from './violation-id';
import { compareText } from '../compare-text';

export interface SampleOptions {
  maxSamples: number;
  showValues: boolean;
  /** Keep every invalid row's key and failures (for a baseline), not only the samples. */
  collectFailingRows?: boolean;
  /** With collectFailingRows: write them to a file in this folder instead of keeping them in memory. */
  failingRowsDir?: string;
}

/** Counts the rows of one piece and keeps its first invalid rows as samples (and all of them when asked). */
export class PieceAccumulator {
  private rows = 0;
  private invalidRows = 0;
  private readonly violations = new Map<string, ViolationCount>();
  private readonly samples: Sample[] = [];
  private readonly failingRows: RowFailures[] | undefined;
  private readonly startedAt = Date.now();

  private readonly failingRowsWriter: FailingRowsWriter | undefined;

  constructor(private readonly options: SampleOptions) {
    if (options.collectFailingRows && options.failingRowsDir) this.failingRowsWriter = new FailingRowsWriter(options.failingRowsDir);
    else if (options.collectFailingRows) this.failingRows = [];
  }

  addValid(count: number): void {
    this.rows += count;
  }

  addInvalid(key: RowKey, findings: Finding[]): void {
    this.rows++;
    this.invalidRows++;
    const seen = new Set<string>();
    for (const finding of findings) {
      const id = violationId(finding);
      if (seen.has(id)) continue;
      seen.add(id);
      const known = this.violations.get(id);
      if (known) {
        known.count++;
        const message = this.visibleMessage(finding);
        if (message !== known.message) addMessages(known, [message]);
      } else {
        this.violations.set(id, {
          property: finding.property,
          constraint: finding.constraint,
          count: 1,
          message: this.visibleMessage(finding),
        });
      }
    }
    const wantSample = this.samples.length < this.options.maxSamples;
    if (!wantSample && !this.failingRows && !this.failingRowsWriter) return;
    const safeKey = isJsonReady(key) ? key : jsonSafe(key) as RowKey;
    if (wantSample) this.samples.push({ key: safeKey, errors: findings.map((f) => this.sampleError(f)) });
    if (this.failingRows || this.failingRowsWriter) {
      const failures = [...seen].sort(compareText);
      if (this.failingRows) this.failingRows.push({ key: safeKey, failures });
      else this.failingRowsWriter!.add(safeKey, failures);
    }
  }

  report(): PieceReport {
    return {
      rows: this.rows,
      invalidRows: this.invalidRows,
      violations: [...this.violations.values()],
      samples: this.samples,
      durationMs: Date.now() - this.startedAt,
      startedAt: this.startedAt,
      ...(this.failingRows ? { failingRows: this.failingRows } : {}),
      ...(this.failingRowsWriter ? { failingRowsFile: this.failingRowsWriter.close() } : {}),
    };
  }

  private sampleError(finding: Finding) {
    const error = { property: finding.property, constraint: finding.constraint, message: this.visibleMessage(finding) };
    return this.options.showValues ? { ...error, value: jsonSafe(finding.value) } : error;
  }

  /** Messages can quote the value through $value; reports end up in CI logs. */
  private visibleMessage(finding: Finding): string {
    return this.options.showValues ? finding.message : finding.hiddenMessage ?? finding.message;
  }
}

/** Keys of plain numbers and text (nearly all) are already what jsonSafe would make of them. */
function isJsonReady(key: RowKey): boolean {
  for (const name in key) {
    const value = key[name];
    if (typeof value !== 'string' && !(typeof value === 'number' && Number.isFinite(value))) return false;
  }
  return true;
}
