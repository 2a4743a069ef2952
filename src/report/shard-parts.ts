import type { PartReport } from './model';
import type { PieceResult } from './piece-result';

/**
 * The pieces of a table as a --shard report carries them: what merge-reports needs to
 * rebuild the table exactly as one run would have (per-piece samples and first messages).
 * The full list of failing rows stays out (it was only needed to compare with the baseline), and
 * so does the piece's start time (the same shard set may run at any time).
 */
export function partReports(results: PieceResult[]): PartReport[] {
  return results.map(({ part, parts, report, complete, error }) => {
    let light = null;
    if (report) {
      const { failingRowsFile: _file, startedAt: _when, ...rest } = report;
      light = rest;
    }
    return { part, of: parts, complete, error: error ?? null, report: light };
  });
}
