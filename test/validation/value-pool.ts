import type { SeededRandom } from './seeded-random';

class Undecorated {
  constructor(readonly x = 1) {}
}

/** Values of every kind a column or property may hold, valid for some validators and wrong for most. */
const GENERIC: Array<() => unknown> = [
  () => undefined, () => null, () => '', () => ' ', () => 'abc', () => 'ABC', () => 'Hello World', () => '123',
  () => '-12.50', () => '0x1F', () => 'true', () => 'false', () => 'a$&b$value', () => 'x'.repeat(130), () => '😀é',
  () => 0, () => -0, () => 1, () => -1, () => 7, () => 1.5, () => -2.25, () => 100, () => 2 ** 53, () => NaN,
  () => Infinity, () => -Infinity, () => true, () => false, () => [], () => [1, 2, 3], () => ['a', 'b'], () => [null],
  () => [undefined, 'x'], () => new Set([1, 2]), () => new Set(), () => new Map([['k', 'v']]), () => ({}), () => ({ a: 1 }),
  () => new Date(0), () => new Date('2024-02-29T12:00:00Z'), () => new Date(NaN), () => new Undecorated(),
  () => Symbol('s'), () => 10n, () => () => 1, () => Object.create(null),
];

export function genericValue(random: SeededRandom): unknown {
  return random.pick(GENERIC)();
}

/** A value for a property: one of the validator's own samples half of the time, anything otherwise. */
export function sampleValue(random: SeededRandom, samples: readonly unknown[]): unknown {
  if (samples.length > 0 && random.chance(0.5)) return copy(random.pick(samples));
  return genericValue(random);
}

/** An array (sometimes sparse), Set or Map of items, or something that is not a collection at all. */
export function collectionOf(random: SeededRandom, item: () => unknown): unknown {
  const size = random.int(4);
  const items = Array.from({ length: size }, item);
  switch (random.int(8)) {
    case 0: return new Set(items);
    case 1: return new Map(items.map((value, index) => [`k${index}`, value]));
    case 2: return genericValue(random);
    case 3: {
      const sparse: unknown[] = [];
      sparse[2] = item();
      return sparse;
    }
    default: return items;
  }
}

function copy(value: unknown): unknown {
  if (Array.isArray(value)) return [...value];
  if (value instanceof Date) return new Date(value.getTime());
  return value;
}
