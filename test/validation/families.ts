import {
  Allow, ArrayContains, ArrayMaxSize, ArrayMinSize, ArrayNotContains, ArrayNotEmpty, ArrayUnique, Contains, Equals,
  IsArray, IsBoolean, IsBooleanString, IsDate, IsDateString, IsDefined, IsDivisibleBy, IsEmail, IsEnum, IsIn, IsInt,
  IsISO8601, IsNegative, IsNotEmpty, IsNotIn, IsNumber, IsOptional, IsPositive, IsPostalCode, IsString, Length, Matches,
  Max, MaxDate, MaxLength, Min, MinDate, MinLength, NotEquals, Validate, ValidateIf, ValidateNested,
} from 'class-validator';
import {
  DivisibleLength, Explosive, IsEventuallyPositive, IsPalindrome, IsShortUnnamed, MaybeAsync, NotBad, Rejecting,
  RemoteUnique, Unregistered,
} from './custom-constraints';
import type { SeededRandom } from './seeded-random';
import { collectionOf, genericValue, sampleValue } from './value-pool';

/** A family of validators and a generator of objects for it. */
export interface Family {
  name: string;
  /** Whether some constraint of the family returns promises. */
  async: boolean;
  make(random: SeededRandom): object;
}

/** Fills `object` with values from the samples of each property (or anything at all, or nothing). */
function fill<T extends object>(object: T, random: SeededRandom, samples: Record<string, readonly unknown[]>): T {
  for (const [property, values] of Object.entries(samples)) {
    if (random.chance(0.05)) continue; // left missing
    (object as Record<string, unknown>)[property] = sampleValue(random, values);
  }
  return object;
}

class Strings {
  @IsString() @MinLength(3) @MaxLength(10) name: unknown;
  @IsNotEmpty() @Matches(/^[a-z-]+$/) slug: unknown;
  @IsOptional() @IsEmail() email: unknown;
  @Length(2, 4, { message: '$property of $target must be $constraint1 to $constraint2 long, got "$value"' }) code: unknown;
  @Contains('x', { message: (args) => `${args.property} lacks ${args.constraints[0]} in ${String(args.value)}` }) tag: unknown;
  @Allow() free: unknown;
}

class Numbers {
  @IsInt() @Min(0) @Max(120) age: unknown;
  @IsNumber({ allowNaN: false }) @IsPositive() price: unknown;
  @IsDivisibleBy(5) step: unknown;
  @IsNumber({ maxDecimalPlaces: 2, allowInfinity: true }) ratio: unknown;
  @IsNegative({ groups: ['create'] }) @IsInt({ always: true }) delta: unknown;
}

class Dates {
  @IsDate() @MinDate(new Date('2000-01-01')) @MaxDate(() => new Date('2030-01-01')) createdAt: unknown;
  @IsDateString() iso: unknown;
  @IsOptional() @IsISO8601({ strict: true }) at: unknown;
}

class Booleans {
  @IsBoolean() flag: unknown;
  @IsBooleanString() text: unknown;
  @Equals(true, { message: 'you must accept, $property is $value' }) accepted: unknown;
  @NotEquals(false) other: unknown;
}

enum Color { Red = 'red', Green = 'green' }
enum Size { Small = 1, Large = 2 }

class Enums {
  @IsEnum(Color) color: unknown;
  @IsEnum(Size, { each: true }) sizes: unknown;
  @IsIn(['a', 'b']) letter: unknown;
  @IsNotIn([1, 2], { message: '$property must not be one of $constraint1' }) number: unknown;
}

class Arrays {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(3) @IsString({ each: true }) @MaxLength(3, { each: true }) tags: unknown;
  @ArrayUnique() @IsInt({ each: true, message: 'each item of $property must be an integer' }) ids: unknown;
  @ArrayNotEmpty() @ArrayContains([1]) @ArrayNotContains([0]) list: unknown;
  @IsPositive({ each: true }) @IsOptional() bag: unknown;
}

class Address {
  @IsString() @MinLength(3) street: unknown;
  @IsOptional() @IsPostalCode('US') zip: unknown;
}

class Tag {
  @IsString() @Length(2, 8) label: unknown;
  @IsOptional() @ValidateNested() address: unknown;
}

class NoValidators {
  plain = 1;
}

class Person {
  @ValidateNested() address: unknown;
  @IsArray() @ArrayMaxSize(3) @ValidateNested({ each: true }) tags: unknown;
  @IsOptional() @ValidateNested() backup: unknown;
  @IsDefined() @ValidateNested({ message: 'nested $property on $target must be an object, not $value' }) home: unknown;
}

class Conditional {
  kind: unknown;
  @IsOptional() @IsInt() @Min(1) a: unknown;
  @ValidateIf((o: Conditional) => o.kind === 'x') @IsString() @IsNotEmpty() b: unknown;
  @ValidateIf((_o: unknown, value: unknown) => value !== 0) @IsOptional() @Max(3) c: unknown;
  @IsString({ validateIf: (o: Conditional) => o.kind !== 'skip' }) @MinLength(2, { validateIf: (_o: unknown, v: unknown) => typeof v === 'string' }) d: unknown;
  @IsDefined() @IsOptional() @IsInt() e: unknown;
  @IsDefined() @IsString() f: unknown;
}

class Grouped {
  @IsString({ groups: ['create'] }) @IsInt({ groups: ['update'] }) a: unknown;
  @IsNotEmpty({ always: true }) @MinLength(2) b: unknown;
  @MaxLength(3, { groups: ['create', 'update'] }) @IsOptional({ groups: ['create'] }) c: unknown;
  @IsDefined({ groups: ['update'] }) @Min(0, { always: false, groups: ['create'] }) d: unknown;
  @ValidateIf((o: Grouped) => o.a !== 'skip', { groups: ['update'] }) @IsInt() e: unknown;
}

class CustomSync {
  @Validate(DivisibleLength, [3]) a: unknown;
  @Validate(DivisibleLength, { each: true }) b: unknown;
  @Validate(NotBad) @Validate(Unregistered) c: unknown;
  @IsPalindrome() @IsShortUnnamed() d: unknown;
  @IsPalindrome({ each: true, message: 'every $property item must read backwards too' }) e: unknown;
  @Validate(Explosive) @IsString() f: unknown;
}

class CustomAsync {
  @Validate(RemoteUnique) @Validate(MaybeAsync) @IsString() login: unknown;
  /** Declared remoteUnique then maybeAsync; on "taken" maybeAsync settles first, and its error comes first. */
  @Validate(MaybeAsync) @Validate(RemoteUnique) alias: unknown;
  @Validate(MaybeAsync, { each: true }) @Validate(RemoteUnique, { each: true }) names: unknown;
  @IsEventuallyPositive() @IsInt() @Validate(MaybeAsync) score: unknown;
  @Validate(Rejecting) answer: unknown;
  @IsOptional() @ValidateNested() child: unknown;
}

class AsyncChild {
  @Validate(RemoteUnique) @MinLength(2) handle: unknown;
}

class BaseDoc {
  @IsString() @MaxLength(10) title: unknown;
  @IsInt() version: unknown;
}

class ChildDoc extends BaseDoc {
  @MinLength(3) title: unknown;
  @IsOptional() @IsInt() extra: unknown;
}

class GrandDoc extends ChildDoc {
  @IsNotEmpty({ groups: ['create'] }) version: unknown;
  @IsDefined() title: unknown;
}

const SHORT_STRINGS = ['', 'a', 'ab', 'abc', 'abcd', 'abcdef', 'x'.repeat(11), 'a-b', 'Ab', 'xyz', 'taken', 'bad'];

function address(random: SeededRandom): unknown {
  return fill(new Address(), random, { street: ['Main St', 'x', ''], zip: ['12345', '1234', null] });
}

function tag(random: SeededRandom, depth: number): unknown {
  const value = fill(new Tag(), random, { label: ['ok', 'a', 'way too long', 7] });
  if (depth > 0 && random.chance(0.4)) (value as Tag).address = nestedValue(random, depth - 1);
  return value;
}

/** Anything a @ValidateNested property may meet: instances, plain objects, primitives, collections of them. */
function nestedValue(random: SeededRandom, depth: number): unknown {
  switch (random.int(9)) {
    case 0: case 1: return address(random);
    case 2: return tag(random, depth);
    case 3: return { street: 'plain object' };
    case 4: return new NoValidators();
    case 5: return collectionOf(random, () => (random.chance(0.7) ? tag(random, depth) : genericValue(random)));
    case 6: return random.pick([null, undefined, 'text', 42, new Date(0)]);
    default: return genericValue(random);
  }
}

export const FAMILIES: Family[] = [
  {
    name: 'strings', async: false,
    make: (r) => fill(new Strings(), r, { name: SHORT_STRINGS, slug: ['a-b', 'A B', ''], email: ['a@b.co', 'nope', null], code: ['ab', 'abcde', 5], tag: ['x', 'y', ''], free: ['anything'] }),
  },
  {
    name: 'numbers', async: false,
    make: (r) => fill(new Numbers(), r, { age: [0, 30, 121, -1, 3.5], price: [1, 0, -2, NaN, 9.99], step: [10, 11, 0], ratio: [0.5, 0.125, Infinity], delta: [-1, 1, 0, -0.5] }),
  },
  {
    name: 'dates', async: false,
    make: (r) => fill(new Dates(), r, { createdAt: [new Date('2010-05-05'), new Date('1999-01-01'), new Date('2031-01-01'), new Date(NaN), '2010-05-05'], iso: ['2024-01-01', '2024-01-01T10:00:00Z', 'yesterday'], at: ['2023-02-29', '2024-02-29', null] }),
  },
  {
    name: 'booleans', async: false,
    make: (r) => fill(new Booleans(), r, { flag: [true, false, 'true', 0], text: ['true', 'false', '1', 'yes'], accepted: [true, false], other: [true, false, 0] }),
  },
  {
    name: 'enums', async: false,
    make: (r) => fill(new Enums(), r, { color: ['red', 'green', 'blue', 'Red'], sizes: [[1, 2], [1, 3], new Set([2]), new Map([['a', 1]]), []], letter: ['a', 'b', 'c'], number: [1, 2, 3, '1'] }),
  },
  {
    name: 'arrays with each', async: false,
    make: (r) => {
      const value = fill(new Arrays(), r, { tags: [['ab', 'abc'], ['abcd'], [], ['a', 'b', 'c', 'd'], [1, 'a']], ids: [[1, 2], [1, 1], [1.5], new Set([3, 4])], list: [[1, 2], [0, 1], [], [2]], bag: [[1, 2], [0], new Map([['a', 1], ['b', -1]]), new Set([2, 3])] });
      if (r.chance(0.3)) value.tags = collectionOf(r, () => r.pick(SHORT_STRINGS));
      if (r.chance(0.3)) value.bag = collectionOf(r, () => genericValue(r));
      return value;
    },
  },
  {
    name: 'nested objects and arrays of nested', async: false,
    make: (r) => {
      const person = new Person();
      person.address = nestedValue(r, 2);
      person.tags = r.chance(0.6) ? collectionOf(r, () => tag(r, 1)) : nestedValue(r, 1);
      person.backup = r.chance(0.5) ? undefined : nestedValue(r, 1);
      person.home = r.chance(0.3) ? null : nestedValue(r, 1);
      return person;
    },
  },
  {
    name: 'optional and ValidateIf', async: false,
    make: (r) => fill(new Conditional(), r, { kind: ['x', 'y', 'skip'], a: [1, 0, null, undefined, 2.5], b: ['', 'b', 3], c: [0, 2, 5, null], d: ['a', 'ab', 5, null], e: [null, undefined, 4, 'x'], f: [undefined, null, 'f', 1] }),
  },
  {
    name: 'groups', async: false,
    make: (r) => fill(new Grouped(), r, { a: ['skip', 'a', 1, null], b: ['', 'b', 'bb', null], c: ['abcd', 'ab', null, undefined], d: [-1, 1, undefined], e: [1, 'e', 1.5] }),
  },
  {
    name: 'custom sync constraints', async: false,
    make: (r) => fill(new CustomSync(), r, { a: ['abc', 'ab', 'abcdef', 3], b: [['ab', 'abcd'], ['a'], new Set(['ab']), 'ab'], c: ['bad', 'empty', 'ok', undefined], d: ['aba', 'abcba', 'ab', 'abccba'], e: [['aba', 'aa'], ['ab'], new Map([['k', 'ab']])], f: ['boom', 'fizzle', 'ok'] }),
  },
  {
    name: 'custom async constraints', async: true,
    make: (r) => {
      const value = fill(new CustomAsync(), r, { login: ['taken', 'abc', 'abcdef', null, 12], alias: ['taken', 'abcdefgh', 'tak'], names: [['a', 'taken'], ['ab', 'abcdefg'], new Set(['xy']), [1, null]], score: [1, -1, 0, 2.5, 'x'], answer: ['yes', 'no', 'reject'] });
      if (r.chance(0.5)) value.child = r.chance(0.7) ? fill(new AsyncChild(), r, { handle: ['taken', 'a', 'abc'] }) : nestedValue(r, 0);
      return value;
    },
  },
  {
    name: 'inheritance (single-table children)', async: false,
    make: (r) => {
      const Class = r.pick([BaseDoc, ChildDoc, GrandDoc]);
      return fill(new Class(), r, { title: ['ab', 'abc', 'x'.repeat(12), null, 5], version: [1, '1', null, 0], extra: [1, 'e'] });
    },
  },
];

export { NoValidators };
