import type { KeyTuple } from '../scan/key-range';

/**
 * A primary key as a Map key: the number itself for the usual integer key (no string built
 * per row), JSON otherwise. Both sides read keys through the same driver, so equal keys
 * arrive as equal values.
 */
export function rowKeyId(key: KeyTuple): unknown {
  if (key.length === 1 && (typeof key[0] === 'number' || typeof key[0] === 'string')) return key[0];
  return JSON.stringify(key, (_, value) => (typeof value === 'bigint' ? `${value}n` : value));
}
