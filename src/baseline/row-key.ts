import { compareText } from '../compare-text';
import type { RowKey } from '../report/model';

/** One string per primary key, whatever order its properties were written in. */
export function keyId(key: RowKey): string {
  return JSON.stringify(Object.keys(key).sort().map((name) => [name, key[name]]));
}

/** Orders keys property by property: numbers by value, anything else by its JSON text. */
export function compareKeys(a: RowKey, b: RowKey): number {
  const names = Object.keys(a);
  for (const name of names) {
    const x = a[name];
    const y = b[name];
    const order = typeof x === 'number' && typeof y === 'number' ? x - y : compareText(JSON.stringify(x), JSON.stringify(y));
    if (order !== 0) return order;
  }
  return compareText(keyId(a), keyId(b));
}
