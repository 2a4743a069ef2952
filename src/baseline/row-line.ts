import type { RowKey } from '../report/model';
import { SortableKey } from './sortable-key';

const KEY_START = '{"key":';
const FAILURES_START = ',"failures":[';

/** A row line of a baseline or spill file (rowLine's text), with its key's and failures' JSON texts. */
export interface RowText {
  text: string;
  keyText: string;
  failuresText: string;
}

/**
 * Cuts `{"key":K,"failures":[...]}` into K and the failures array without parsing the
 * row: most of the work of a big baseline is comparing keys, and parsing only the key is
 * several times cheaper than the whole line. The last `,"failures":[` is the cut: inside
 * the failures, a list of JSON strings, that text cannot occur (quotes are escaped).
 * Undefined when the text is not in that form.
 */
export function splitRowLine(text: string): RowText | undefined {
  const cut = text.lastIndexOf(FAILURES_START);
  if (cut < KEY_START.length || !text.startsWith(KEY_START) || !text.endsWith(']}')) return undefined;
  return { text, keyText: text.slice(KEY_START.length, cut), failuresText: text.slice(cut + FAILURES_START.length - 1, -1) };
}

export function rowText(keyText: string, failuresText: string): string {
  return `${KEY_START}${keyText},"failures":${failuresText}}`;
}

/**
 * A row line of a spill file or of a checked baseline file, cut and its key read only when
 * asked: the merge compares whole lines first, and equal lines (a row that still fails as
 * it did) need neither.
 */
export class RowLine {
  private parts: RowText | undefined;
  private sortable: SortableKey | undefined;

  constructor(readonly text: string, known?: { parts: RowText; key: SortableKey }) {
    this.parts = known?.parts;
    this.sortable = known?.key;
  }

  /** A row known as an object (a baseline read whole, a piece's failingRows). */
  static of(key: RowKey, sortedFailures: string[]): RowLine {
    const keyText = JSON.stringify(key);
    const failuresText = JSON.stringify(sortedFailures);
    const text = rowText(keyText, failuresText);
    return new RowLine(text, { parts: { text, keyText, failuresText }, key: new SortableKey(keyText, key) });
  }

  get keyText(): string {
    return this.cut().keyText;
  }

  get failuresText(): string {
    return this.cut().failuresText;
  }

  get key(): SortableKey {
    return (this.sortable ??= new SortableKey(this.keyText));
  }

  private cut(): RowText {
    if (!this.parts) {
      this.parts = splitRowLine(this.text);
      if (!this.parts) throw new Error(`not a row line: ${this.text.slice(0, 200)}`);
    }
    return this.parts;
  }
}
