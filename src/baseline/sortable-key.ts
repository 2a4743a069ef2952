import type { RowKey } from '../report/model';
import { compareKeys } from './row-key';


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
  private names: string | undefined;

  constructor(readonly text: string, parsed?: RowKey) {
    const colon = integerKeyColon(text);
    if (colon > 0) {
      this.name = text.slice(2, colon - 1);
      this.value = integerAfter(text, colon + 1);
    }
    this.parsed = parsed;
  }

  get key(): RowKey {
    return (this.parsed ??= JSON.parse(this.text) as RowKey);
  }

  /** Its property names in their order, as JSON (see sameShape). */
  get shape(): string {
    return (this.names ??= this.name !== undefined ? `["${this.name}"]` : JSON.stringify(Object.keys(this.key)));
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

/**
 * Whether two keys name the same properties in the same order. compareKeys walks the
 * properties in its first key's order, so rows sorted with one order need not be sorted in
 * another (a file written before two @PrimaryColumn lines were swapped, or sorted by `jq
 * -S`): a walk in key order is only exact between keys of one shape.
 */
export function sameShape(a: SortableKey, b: SortableKey): boolean {
  if (a.name !== undefined && b.name !== undefined) return a.name === b.name;
  return a.shape === b.shape;
}

/** compareKeys on the parsed keys, with its answer for equal texts and for integer keys found without parsing. */
export function compareSortable(a: SortableKey, b: SortableKey): number {
  if (a.text === b.text) return 0;
  // Different canonical integer texts of one property: different numbers.
  if (a.value !== undefined && b.value !== undefined && a.name === b.name) return a.value - b.value;
  return compareKeys(a.key, b.key);
}

const DIGIT_0 = 48;
const DIGIT_9 = 57;

/**
 * Where the colon is when `text` is `{"<name>":<safe integer>}` exactly as JSON.stringify
 * writes it (a name of letters, digits, _ and $; no leading zero, no -0, at most 15 digits
 * so the number is exact), else -1. A loop over the characters: a regular expression
 * cost more than the rest of the merge.
 */
function integerKeyColon(text: string): number {
  if (text.charCodeAt(0) !== 123 || text.charCodeAt(1) !== 34 || text.charCodeAt(text.length - 1) !== 125) return -1;
  let at = 2;
  for (; at < text.length; at++) {
    const c = text.charCodeAt(at);
    const word = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= DIGIT_0 && c <= DIGIT_9) || c === 95 || c === 36;
    if (!word) break;
  }
  if (at === 2 || text.charCodeAt(at) !== 34 || text.charCodeAt(at + 1) !== 58) return -1;
  const colon = at + 1;
  let start = colon + 1;
  if (text.charCodeAt(start) === 45) start++; // minus
  const digits = text.length - 1 - start;
  if (digits < 1 || digits > 15) return -1;
  if (text.charCodeAt(start) === DIGIT_0 && (digits > 1 || start > colon + 1)) return -1; // 007, -0
  for (let i = start; i < text.length - 1; i++) {
    const c = text.charCodeAt(i);
    if (c < DIGIT_0 || c > DIGIT_9) return -1;
  }
  return colon;
}

function integerAfter(text: string, start: number): number {
  const negative = text.charCodeAt(start) === 45;
  let value = 0;
  for (let i = negative ? start + 1 : start; i < text.length - 1; i++) value = value * 10 + text.charCodeAt(i) - DIGIT_0;
  return negative ? -value : value;
}
