import * as classValidator from 'class-validator';
import { IsInt, IsString, MinLength, useContainer, Validate, ValidateNested, ValidatePromise, ValidatorConstraint } from 'class-validator';
import { describe, expect, it } from 'vitest';
import { RowValidator } from '../src/validation/row-validator';
import type { ValidatorOptions } from '../src/validation/validator-options';
import { BUILTIN_CASES, FALLBACK_DECORATORS, SUPPORTED_DECORATORS } from './validation/builtin-decorators';
import { API, describeValue, OPTION_SETS, planOutcome, referenceOutcome, ValidatorsByOptions, type Outcome } from './validation/differential';
import { FAMILIES, NoValidators } from './validation/families';
import { SeededRandom } from './validation/seeded-random';
import { collectionOf, sampleValue } from './validation/value-pool';

/**
 * Differential test of validation plans: for generated objects, RowValidator's findings must
 * equal flattenErrors(await validate(object, sameOptions)) exactly (property, constraint,
 * message, value, order), or both must throw the same error.
 */

const OBJECTS_PER_FAMILY = 1500;
const OBJECTS_PER_BUILTIN = 60;

interface Tally {
  cases: number;
  invalid: number;
  threw: number;
}

async function expectSameAsClassValidator(validators: ValidatorsByOptions, object: object, options: ValidatorOptions, tally: Tally, label: string) {
  const expected = await expectedOutcome(object, options);
  const actual = await planOutcome(validators.get(options), object);
  tally.cases++;
  if ('threw' in expected) tally.threw++;
  else if (expected.findings.length > 0) tally.invalid++;
  expect(actual.outcome, `${label} with ${JSON.stringify(options)}: ${describeValue(object)}`).toEqual(expected);
  return actual;
}

/**
 * validate()'s answer, except for an entity without any validator under the options (say, none
 * in the requested groups): validate() reports `unknownValue` for it, RowValidator no finding,
 * as it always has: a table without validators passes.
 */
async function expectedOutcome(object: object, options: ValidatorOptions): Promise<Outcome> {
  const reference = await referenceOutcome(object, options);
  const storage = API.getMetadataStorage();
  const metadatas = storage.getTargetValidationMetadatas(object.constructor, undefined,
    (options.always || false) as boolean, (options.strictGroups || false) as boolean, options.groups as string[] | undefined);
  if (metadatas.length > 0) return reference;
  expect(reference).toEqual(options.forbidUnknownValues === false ? { findings: [] } : {
    findings: [{ property: 'undefined', constraint: 'unknownValue', message: 'an unknown value was passed to the validate function', value: undefined }],
  });
  return { findings: [] };
}

function findingsOf(outcome: Outcome) {
  return 'findings' in outcome ? outcome.findings : [];
}

describe('validation plans give class-validator validate()\'s findings', () => {
  for (const family of FAMILIES) {
    it(`${family.name}: ${OBJECTS_PER_FAMILY} generated objects under every options set`, async () => {
      const random = new SeededRandom(hash(family.name));
      const validators = new ValidatorsByOptions();
      const tally: Tally = { cases: 0, invalid: 0, threw: 0 };
      let answeredAsync = 0;
      for (let i = 0; i < OBJECTS_PER_FAMILY; i++) {
        const options = OPTION_SETS[i % OPTION_SETS.length];
        const object = family.make(random);
        const { async } = await expectSameAsClassValidator(validators, object, options, tally, `${family.name} #${i}`);
        if (async) answeredAsync++;
      }
      // The generator must exercise both verdicts, and the plans (not the fallback) must have answered.
      expect(tally.invalid).toBeGreaterThan(OBJECTS_PER_FAMILY / 10);
      expect(tally.cases - tally.invalid - tally.threw).toBeGreaterThan(0);
      for (const validator of validators.all()) expect(validator.fallbackClasses()).toEqual([]);
      if (family.async) expect(answeredAsync).toBeGreaterThan(0);
      else expect(answeredAsync).toBe(0);
    });
  }

  it(`every ValidateBy built-in decorator, plain, with each, with custom messages, ${OBJECTS_PER_BUILTIN} objects per variant`, async () => {
    const random = new SeededRandom(7);
    const validators = new ValidatorsByOptions();
    const tally: Tally = { cases: 0, invalid: 0, threw: 0 };
    const failing = new Set<string>();
    const passing = new Set<string>();
    for (const builtin of BUILTIN_CASES) {
      for (const variant of VARIANTS) {
        const Class = classWith(builtin.name, variant.name, builtin.decorate(variant.options));
        for (let i = 0; i < OBJECTS_PER_BUILTIN; i++) {
          const object = new Class();
          const make = () => sampleValue(random, builtin.samples);
          object.value = variant.options?.each && random.chance(0.7) ? collectionOf(random, make) : make();
          if (random.chance(0.5)) object.other = random.pick([1, 'one', null]);
          const options = OPTION_SETS[random.int(OPTION_SETS.length)];
          const { outcome } = await expectSameAsClassValidator(validators, object, options, tally, `${builtin.name} (${variant.name})`);
          if (findingsOf(outcome).some((finding) => finding.property === 'value')) failing.add(builtin.name);
          else if ('findings' in outcome && object.value !== undefined && object.value !== null) passing.add(builtin.name);
        }
      }
    }
    for (const validator of validators.all()) expect(validator.fallbackClasses()).toEqual([]);
    // Every decorator was seen failing (its message went through the plan) and passing.
    expect(BUILTIN_CASES.map((c) => c.name).filter((name) => !failing.has(name))).toEqual([]);
    expect(BUILTIN_CASES.map((c) => c.name).filter((name) => !passing.has(name))).toEqual([]);
  });
});

describe('the decorator catalog', () => {
  it('names every decorator class-validator exports as supported or falling back', () => {
    const notDecorators = new Set(['ValidationError', 'ValidationTypes', 'Validator', 'MetadataStorage']);
    const exported = Object.entries(classValidator)
      .filter(([name, value]) => /^[A-Z][a-z]/.test(name) && typeof value === 'function' && !notDecorators.has(name))
      .map(([name]) => name);
    const known = new Set([...SUPPORTED_DECORATORS, ...Object.keys(FALLBACK_DECORATORS)]);
    expect(exported.filter((name) => !known.has(name))).toEqual([]);
    expect(SUPPORTED_DECORATORS.filter((name) => !exported.includes(name))).toEqual([]);
  });
});

describe('validation plans answer synchronously unless a constraint returns a promise', () => {
  it('keeps sync classes sync and awaits only the rows whose constraints returned promises', async () => {
    class Sync { @IsString() @MinLength(2) name: unknown; }
    const validator = new RowValidator(API, {});
    const sync = Object.assign(new Sync(), { name: 'a' });
    const verdict = validator.validate(sync);
    expect(verdict).not.toBeInstanceOf(Promise);
    expect(verdict).toEqual([{ property: 'name', constraint: 'minLength', message: 'name must be longer than or equal to 2 characters', value: 'a' }]);
    expect(validator.validate(Object.assign(new Sync(), { name: 'ab' }))).toEqual([]);
    const async = FAMILIES.find((family) => family.async)!;
    const random = new SeededRandom(3);
    let promises = 0;
    let immediate = 0;
    for (let i = 0; i < 200; i++) {
      const verdict = validator.validate(async.make(random));
      if (verdict instanceof Promise) {
        promises++;
        await verdict.catch(() => undefined);
      } else immediate++;
    }
    expect(promises).toBeGreaterThan(0);
    expect(immediate).toBe(0); // RemoteUnique always returns a promise for `login`
  });

  it('returns no findings for entities without validators, and forbids unknown nested values like validate()', async () => {
    const validator = new RowValidator(API, {});
    expect(validator.validate(new NoValidators())).toEqual([]);
    class Holder { @ValidateNested() inner: unknown = new NoValidators(); }
    const holder = new Holder();
    expect(validator.validate(holder)).toEqual(findingsOf(await referenceOutcome(holder, {})));
    expect(findingsOf(await referenceOutcome(holder, {}))[0]).toMatchObject({ property: 'inner.undefined', constraint: 'unknownValue' });
  });
});

describe('what plans cannot reproduce falls back to class-validator, and says so', () => {
  it('the whitelist option: every class with validators falls back, findings unchanged', async () => {
    const random = new SeededRandom(11);
    const validators = new ValidatorsByOptions();
    const tally: Tally = { cases: 0, invalid: 0, threw: 0 };
    const whitelisted = [{ whitelist: true }, { whitelist: true, forbidNonWhitelisted: true }];
    for (let i = 0; i < 300; i++) {
      const family = FAMILIES[i % FAMILIES.length];
      if (family.async) continue;
      const options = whitelisted[i % 2];
      // whitelist deletes properties: each side validates its own copy.
      const seed = random.int(2 ** 31);
      const mine = family.make(new SeededRandom(seed));
      const reference = await expectedOutcome(family.make(new SeededRandom(seed)), options);
      const actual = await planOutcome(validators.get(options), mine);
      tally.cases++;
      if ('findings' in reference && reference.findings.length > 0) tally.invalid++;
      expect(described(actual.outcome), `${family.name}: ${describeValue(mine)}`).toEqual(described(reference));
    }
    expect(tally.invalid).toBeGreaterThan(tally.cases / 10);
    for (const validator of validators.all()) {
      const fallbacks = validator.fallbackClasses();
      expect(fallbacks.length).toBeGreaterThan(0);
      for (const fallback of fallbacks) expect(fallback.reason).toMatch(/whitelist/);
    }
  });

  it('an unknown option and an unmirrored class-validator version fall back with their reason', async () => {
    const family = FAMILIES[0];
    const random = new SeededRandom(5);
    const unknownOption = new RowValidator(API, { someFutureOption: true });
    const oldVersion = new RowValidator({ ...API, version: '0.13.2' }, {});
    for (let i = 0; i < 100; i++) {
      const object = family.make(random);
      const expected = await referenceOutcome(object, {});
      expect((await planOutcome(oldVersion, object)).outcome).toEqual(expected);
      expect((await planOutcome(unknownOption, object)).outcome).toEqual(await referenceOutcome(object, { someFutureOption: true }));
    }
    expect(unknownOption.fallbackClasses()).toEqual([{ className: 'Strings', reason: 'validator option "someFutureOption" is not mirrored by validation plans' }]);
    expect(oldVersion.fallbackClasses()).toEqual([{ className: 'Strings', reason: 'class-validator 0.13.2: validation plans mirror versions 0.14.1 to 0.15.x' }]);
  });

  it('@ValidatePromise and several @ValidateNested on one property: only those classes fall back', async () => {
    class Awaited { @ValidatePromise() @IsInt() count: unknown; @IsString() label: unknown; }
    class Twice { @ValidateNested() @ValidateNested({ message: 'again' }) inner: unknown; }
    class Outer { @ValidateNested() awaited: unknown; @ValidateNested() twice: unknown; @IsInt() n: unknown; }
    const random = new SeededRandom(13);
    const validator = new RowValidator(API, {});
    for (let i = 0; i < 300; i++) {
      const awaited = Object.assign(new Awaited(), {
        count: random.pick([Promise.resolve(1), Promise.resolve('x'), 2, 'y']),
        label: random.pick(['l', 3]),
      });
      const twice = Object.assign(new Twice(), { inner: random.pick([null, 1, new Awaited(), [new Twice(), 'x']]) });
      const outer = Object.assign(new Outer(), { awaited: random.pick([awaited, [awaited, awaited], null]), twice, n: random.pick([1, 'n']) });
      expect((await planOutcome(validator, outer)).outcome, describeValue(outer)).toEqual(await referenceOutcome(outer, {}));
    }
    expect(validator.fallbackClasses().map((f) => f.className).sort()).toEqual(['Awaited', 'Twice']);
    expect(validator.fallbackClasses().find((f) => f.className === 'Awaited')!.reason).toMatch(/@ValidatePromise/);
    expect(validator.fallbackClasses().find((f) => f.className === 'Twice')!.reason).toMatch(/several @ValidateNested/);
  });
});

/** Findings with their values described: copies made from the same seed hold equal, not identical, values. */
function described(outcome: Outcome) {
  return 'findings' in outcome ? outcome.findings.map((finding) => ({ ...finding, value: describeValue(finding.value) })) : outcome;
}

describe('a container that builds constraint instances per lookup', () => {
  it('falls back for the classes using them, since one cached instance could answer differently', async () => {
    @ValidatorConstraint({ name: 'firstCallOnly' })
    class FirstCallOnly {
      private calls = 0;
      validate(): boolean {
        return this.calls++ === 0;
      }
    }
    class Counted { @Validate(FirstCallOnly) a: unknown = 1; @Validate(FirstCallOnly) b: unknown = 2; }
    useContainer({ get: (someClass: any) => (someClass === FirstCallOnly ? new FirstCallOnly() : undefined) }, { fallback: true });
    try {
      const validator = new RowValidator(API, {});
      for (let i = 0; i < 3; i++) {
        const object = new Counted();
        const expected = await referenceOutcome(object, {});
        expect(findingsOf(expected)).toEqual([]); // a fresh instance per call: every call is a first call
        expect((await planOutcome(validator, object)).outcome).toEqual(expected);
      }
      expect(validator.fallbackClasses()).toEqual([{ className: 'Counted', reason: 'the container returns a new "firstCallOnly" constraint instance on each lookup' }]);
    } finally {
      useContainer(undefined as never);
    }
  });
});

const VARIANTS: Array<{ name: string; options?: Parameters<(typeof BUILTIN_CASES)[number]['decorate']>[0] }> = [
  { name: 'plain' },
  { name: 'each', options: { each: true } },
  { name: 'message', options: { message: '$property of $target: $value vs $constraint1 / $constraint2 ($constraint3)' } },
  { name: 'message function', options: { message: (args) => `${args.targetName}.${args.property} rejected ${typeof args.value}`, each: true } },
  { name: 'groups', options: { groups: ['create'] } },
];

/** A fresh class named after the case, with `value` decorated by `decorator` and an optional integer `other`. */
function classWith(builtin: string, variant: string, decorator: PropertyDecorator) {
  const Class = class { value: unknown; other: unknown; };
  Object.defineProperty(Class, 'name', { value: `${builtin.replace(/\W/g, '')}_${variant.replace(/\W/g, '')}` });
  decorator(Class.prototype, 'value');
  IsInt({ groups: ['update'], always: true })(Class.prototype, 'other');
  return Class;
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}
