import type { Finding } from '../validation/flatten-errors';
import { FailingRowsWriter } from './failing-rows-file';
import { jsonSafe } from './json-safe';
import { addMessages, type PieceReport, type RowKey, type Sample, type ViolationCount } from './model';
import { violationId } from './violation-id';
import { compareText } from '../compare-text';

export interface SampleOptions {
  maxSamples: number;
  showValues: boolean;
  /** For a baseline: write every invalid row's key and failures to a file in this folder. */
  failingRowsDir?: string;
}

/** Counts the rows of one piece and keeps its first invalid rows as samples (and all of them when asked). */
export class PieceAccumulator {
  private rows = 0;
  private invalidRows = 0;
  private readonly violations = new Map<string, ViolationCount>();
  private readonly samples: Sample[] = [];
  private readonly startedAt = Date.now();

  private readonly failingRowsWriter: FailingRowsWriter | undefined;

  constructor(private readonly options: SampleOptions) {
    if (options.failingRowsDir) this.failingRowsWriter = new FailingRowsWriter(options.failingRowsDir);
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
    if (!wantSample && !this.failingRowsWriter) return;
    const safeKey = isJsonReady(key) ? key : jsonSafe(key) as RowKey;
    if (wantSample) this.samples.push({ key: safeKey, errors: findings.map((f) => this.sampleError(f)) });
    this.failingRowsWriter?.add(safeKey, [...seen].sort(compareText));
  }

  report(): PieceReport {
    return {
      rows: this.rows,
      invalidRows: this.invalidRows,
      violations: [...this.violations.values()],
      samples: this.samples,
      durationMs: Date.now() - this.startedAt,
      startedAt: this.startedAt,
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
