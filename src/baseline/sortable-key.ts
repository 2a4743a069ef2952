import type { RowKey } from '../report/model';
import { compareKeys } from './row-key';

/** `{"<name>":<safe integer>}` exactly as JSON.stringify writes it (no leading zero, no -0, at most 15 digits). */
const INTEGER_KEY = /^\{"([A-Za-z_$][\w$]*)":(0|-?[1-9]\d{0,14})\}$/;

/**
 * A row's key as the baseline merge compares it, from its JSON text. A key of one integer
 * property (the usual primary key, and the big tables) is compared by its number without
 * parsing the JSON, which is most of the cost of a big baseline; any other key is parsed
 * when first compared, and compared by compareKeys.
 */
export class SortableKey {
  readonly name: string | undefined;
  readonly value: number | undefined;
  private parsed: RowKey | undefined;

  constructor(readonly text: string, parsed?: RowKey) {
    const integer = INTEGER_KEY.exec(text);
    this.name = integer?.[1];
    this.value = integer ? Number(integer[2]) : undefined;
    this.parsed = parsed;
  }

  get key(): RowKey {
    return (this.parsed ??= JSON.parse(this.text) as RowKey);
  }

  /** True when the text is a JSON object exactly as JSON.stringify writes it (false when it is not JSON). */
  isCanonical(): boolean {
    if (this.value !== undefined) return true;
    try {
      const key: unknown = this.key;
      return !!key && typeof key === 'object' && !Array.isArray(key) && JSON.stringify(key) === this.text;
    } catch {
      return false;
    }
  }
}

/** compareKeys on the parsed keys, with its answer for equal texts and for integer keys found without parsing. */
export function compareSortable(a: SortableKey, b: SortableKey): number {
  if (a.text === b.text) return 0;
  // Different canonical integer texts of one property: different numbers.
  if (a.value !== undefined && b.value !== undefined && a.name === b.name) return a.value - b.value;
  return compareKeys(a.key, b.key);
}
