import type { Baseline } from './baseline-file';
import { keyId } from './row-key';

/** A baseline indexed for lookups: entity -> key -> the failures it was known for. */
export class KnownRows {
  private readonly byEntity = new Map<string, Map<string, Set<string>>>();

  constructor(baseline: Baseline) {
    for (const [entity, rows] of baseline) {
      const index = new Map<string, Set<string>>();
      for (const row of rows) {
        const id = keyId(row.key);
        const failures = index.get(id) ?? new Set<string>();
        for (const failure of row.failures) failures.add(failure);
        index.set(id, failures);
      }
      this.byEntity.set(entity, index);
    }
  }

  of(entity: string): Map<string, Set<string>> | undefined {
    return this.byEntity.get(entity);
  }

  /** How many rows of this entity the baseline lists. */
  count(entity: string): number {
    return this.byEntity.get(entity)?.size ?? 0;
  }
}
