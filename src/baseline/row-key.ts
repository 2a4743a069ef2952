import { compareText } from '../compare-text';
import type { RowKey } from '../report/model';

/** One string per primary key, whatever order its properties were written in. */
export function keyId(key: RowKey): string {
  return JSON.stringify(Object.keys(key).sort().map((name) => [name, key[name]]));
}

/**
 * Orders keys property by property: numbers by value; whole numbers written as text (the
 * drivers give bigint columns as strings) by value too, before any other text; anything
 * else by its JSON text. The database's order of such keys is then this order, and a
 * baseline's rows can be walked beside a scan's without an index.
 */
export function compareKeys(a: RowKey, b: RowKey): number {
  const names = Object.keys(a);
  for (const name of names) {
    const order = compareValues(a[name], b[name]);
    if (order !== 0) return order;
  }
  return compareText(keyId(a), keyId(b));
}

const WHOLE_NUMBER = /^-?(0|[1-9][0-9]*)$/;

function compareValues(x: unknown, y: unknown): number {
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  if (typeof x === 'string' && typeof y === 'string') {
    const wholeX = WHOLE_NUMBER.test(x);
    const wholeY = WHOLE_NUMBER.test(y);
    if (wholeX && wholeY) return compareWholeNumbers(x, y);
    if (wholeX !== wholeY) return wholeX ? -1 : 1;
  }
  return compareText(JSON.stringify(x), JSON.stringify(y));
}

/** Two whole numbers of any size, as canonical decimal texts. */
function compareWholeNumbers(x: string, y: string): number {
  const negativeX = x.startsWith('-');
  if (negativeX !== y.startsWith('-')) return negativeX ? -1 : 1;
  const magnitude = x.length !== y.length ? x.length - y.length : x < y ? -1 : x > y ? 1 : 0;
  return negativeX ? -magnitude : magnitude;
}
