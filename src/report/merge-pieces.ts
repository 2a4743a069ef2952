import { addMessages, type PieceReport, type ViolationCount } from './model';
import { violationId } from './violation-id';
import { compareText } from '../compare-text';

/**
 * Adds up the pieces of one table, given in key order: counts add, the first message
 * of each violation is kept (its list of different messages grows), samples stay in key
 * order and capped. Baseline counts and
 * failing rows are merged the same way when the pieces carry them.
 */
export function mergePieces(pieces: PieceReport[], maxSamples: number): PieceReport {
  const merged: PieceReport = { rows: 0, invalidRows: 0, violations: [], samples: [], durationMs: 0 };
  for (const piece of pieces) {
    merged.rows += piece.rows;
    merged.invalidRows += piece.invalidRows;
    merged.rowsHydrated = (merged.rowsHydrated ?? 0) + (piece.rowsHydrated ?? piece.rows);
    merged.durationMs += piece.durationMs;
  }
  merged.violations = sumViolations(pieces.map((p) => p.violations));
  merged.samples = pieces.flatMap((p) => p.samples).slice(0, maxSamples);
  if (pieces.length > 0 && pieces.every((p) => p.newViolations)) {
    merged.newInvalidRows = pieces.reduce((n, p) => n + p.newInvalidRows!, 0);
    merged.knownInvalidRows = pieces.reduce((n, p) => n + p.knownInvalidRows!, 0);
    merged.newViolations = sumViolations(pieces.map((p) => p.newViolations!));
    merged.newSamples = pieces.flatMap((p) => p.newSamples!).slice(0, maxSamples);
  }
  return merged;
}

function sumViolations(lists: ViolationCount[][]): ViolationCount[] {
  const violations = new Map<string, ViolationCount>();
  for (const list of lists) {
    for (const violation of list) {
      const id = violationId(violation);
      const known = violations.get(id);
      if (known) {
        known.count += violation.count;
        addMessages(known, violation.messages ?? [violation.message]);
      } else violations.set(id, { ...violation });
    }
  }
  return sortViolations([...violations.values()]);
}

export function sortViolations(violations: ViolationCount[]): ViolationCount[] {
  return violations.sort((a, b) => b.count - a.count || compareText(a.property, b.property) ||
    compareText(a.constraint, b.constraint));
}
