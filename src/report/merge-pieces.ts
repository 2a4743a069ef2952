import type { PieceReport, ViolationCount } from './model';

/**
 * Adds up the pieces of one table, given in key order: counts add, the first message
 * of each violation is kept, samples stay in key order and capped.
 */
export function mergePieces(pieces: PieceReport[], maxSamples: number): PieceReport {
  const violations = new Map<string, ViolationCount>();
  const merged: PieceReport = { rows: 0, invalidRows: 0, violations: [], samples: [], durationMs: 0 };
  for (const piece of pieces) {
    merged.rows += piece.rows;
    merged.invalidRows += piece.invalidRows;
    merged.durationMs += piece.durationMs;
    for (const violation of piece.violations) {
      const id = `${violation.property}\0${violation.constraint}`;
      const known = violations.get(id);
      if (known) known.count += violation.count;
      else violations.set(id, { ...violation });
    }
    for (const sample of piece.samples) {
      if (merged.samples.length < maxSamples) merged.samples.push(sample);
    }
  }
  merged.violations = sortViolations([...violations.values()]);
  return merged;
}

export function sortViolations(violations: ViolationCount[]): ViolationCount[] {
  return violations.sort((a, b) => b.count - a.count || a.property.localeCompare(b.property) ||
    a.constraint.localeCompare(b.constraint));
}
