import type { RowKey } from '../report/model';

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

/** The key of a spill line (written by FailingRowsWriter, so in this form). */
export function parseKeyText(keyText: string): RowKey {
  return JSON.parse(keyText) as RowKey;
}
