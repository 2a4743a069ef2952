import type { PreviousBaseline } from './previous-baseline';
import { keyId } from './row-key';

/** A baseline indexed for lookups: entity -> key -> the failures it was known for. */
export class KnownRows {
  private readonly byEntity = new Map<string, Map<string, Set<string>>>();

  constructor(baseline: PreviousBaseline) {
    for (const entity of baseline.entities) {
      const index = new Map<string, Set<string>>();
      for (const row of baseline.rows(entity)) {
        const id = keyId(row.key.key);
        const failures = index.get(id) ?? new Set<string>();
        for (const failure of JSON.parse(row.failuresText) as string[]) failures.add(failure);
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
