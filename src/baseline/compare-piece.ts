import { sortViolations } from '../report/merge-pieces';
import { forEachLine } from '../line-reader';
import type { BaselineCounts, PieceReport, RowFailures, Sample, ViolationCount } from '../report/model';
import { unframeRowLine } from './row-framing';
import { keyId } from './row-key';
import { violationId } from '../report/violation-id';

/**
 * Which invalid rows of a piece are new against the baseline: rows it does not list, and
 * listed rows failing a constraint it does not list for them (only that failure is new).
 * The piece must carry its failing rows. New samples give each failure the first message
 * of its violation in this piece.
 */
export function compareWithBaseline(
  piece: PieceReport,
  known: Map<string, Set<string>> | undefined,
  maxSamples: number,
): PieceReport & BaselineCounts {
  if (!piece.failingRowsFile) throw new Error('compareWithBaseline needs the failing rows of the piece');
  const violationOf = new Map(piece.violations.map((v) => [violationId(v), v]));
  const newViolations = new Map<string, ViolationCount>();
  const newSamples: Sample[] = [];
  let newInvalidRows = 0;
  let knownInvalidRows = 0;
  forEachFailingRow(piece.failingRowsFile, (row) => {
    const knownFailures = known?.get(keyId(row.key));
    if (knownFailures) knownInvalidRows++;
    const fresh = knownFailures ? row.failures.filter((f) => !knownFailures.has(f)) : row.failures;
    if (fresh.length === 0) return;
    newInvalidRows++;
    const violations = fresh.map((failure) => violationOf.get(failure)!);
    for (const violation of violations) {
      const counted = newViolations.get(violationId(violation));
      if (counted) counted.count++;
      else newViolations.set(violationId(violation), { ...violation, count: 1 });
    }
    if (newSamples.length < maxSamples) {
      newSamples.push({ key: row.key, errors: violations.map(({ property, constraint, message }) => ({ property, constraint, message })) });
    }
  });
  return { ...piece, newInvalidRows, knownInvalidRows, newViolations: sortViolations([...newViolations.values()]), newSamples };
}

/** Every invalid row of a piece, from its spill file, in key order. */
function forEachFailingRow(file: string, each: (row: RowFailures) => void): void {
  forEachLine(file, (line) => each(JSON.parse(unframeRowLine(line)!) as RowFailures));
}
