import * as classValidator from 'class-validator';
import { createRequire } from 'node:module';
import { flattenErrors, type Finding } from '../../src/validation/flatten-errors';
import type { ClassValidatorApi } from '../../src/validation/class-validator-api';
import { RowValidator } from '../../src/validation/row-validator';
import type { ValidatorOptions } from '../../src/validation/validator-options';

/** What one side answered for one object: its findings, or the message of what it threw. */
export type Outcome = { findings: Finding[] } | { threw: string };

/** The class-validator the tests decorate with, as our loader would hand it to RowValidator. */
export const API: ClassValidatorApi = {
  validate: classValidator.validate,
  validateSync: classValidator.validateSync,
  getMetadataStorage: classValidator.getMetadataStorage as unknown as ClassValidatorApi['getMetadataStorage'],
  version: (createRequire(__filename)('class-validator/package.json') as { version: string }).version,
};

/** The reference: class-validator's validate() with the options RowValidator passes, flattened. */
export async function referenceOutcome(object: object, options: ValidatorOptions): Promise<Outcome> {
  try {
    const errors = await classValidator.validate(object, { ...options, validationError: { target: false, value: true } });
    return { findings: flattenErrors(errors) };
  } catch (error) {
    return { threw: String((error as Error)?.message ?? error) };
  }
}

export interface PlanOutcome {
  outcome: Outcome;
  /** Whether validate() answered with a promise rather than at once. */
  async: boolean;
}

export async function planOutcome(validator: RowValidator, object: object): Promise<PlanOutcome> {
  let verdict: ReturnType<RowValidator['validate']>;
  try {
    verdict = validator.validate(object);
  } catch (error) {
    return { outcome: { threw: String((error as Error)?.message ?? error) }, async: false };
  }
  if (!(verdict instanceof Promise)) return { outcome: { findings: asValidateGives(verdict) }, async: false };
  try {
    return { outcome: { findings: asValidateGives(await verdict) }, async: true };
  } catch (error) {
    return { outcome: { threw: String((error as Error)?.message ?? error) }, async: true };
  }
}

/**
 * Findings without `hiddenMessage` (the message with its $value hidden, which validate()'s
 * output has no field for); where present it must differ from the message only there.
 */
export function asValidateGives(findings: Finding[]): Finding[] {
  return findings.map(({ hiddenMessage, ...finding }) => {
    if (hiddenMessage !== undefined && !hiddenMessage.includes('[value hidden]')) throw new Error(`hiddenMessage without a hidden value: ${hiddenMessage}`);
    return finding;
  });
}

/** One RowValidator per options set, as a scan would build it (plans cached across objects). */
export class ValidatorsByOptions {
  private readonly validators = new Map<ValidatorOptions, RowValidator>();

  get(options: ValidatorOptions): RowValidator {
    let validator = this.validators.get(options);
    if (!validator) {
      validator = new RowValidator(API, options);
      this.validators.set(options, validator);
    }
    return validator;
  }

  all(): RowValidator[] {
    return [...this.validators.values()];
  }
}

/** The options sets objects are validated under (each object under one, chosen by the seed). */
export const OPTION_SETS: ValidatorOptions[] = [
  {},
  { skipMissingProperties: true },
  { skipNullProperties: true },
  { skipUndefinedProperties: true },
  { stopAtFirstError: true },
  { dismissDefaultMessages: true },
  { forbidUnknownValues: false },
  { groups: ['create'] },
  { groups: ['create'], strictGroups: true },
  { strictGroups: true },
  { always: true },
  { groups: ['update'], always: true, stopAtFirstError: true },
];

/** A readable description of a value for failure messages (symbols and bigints included). */
export function describeValue(value: unknown): string {
  if (value instanceof Set) return `Set(${describeValue([...value])})`;
  if (value instanceof Map) return `Map(${describeValue([...value])})`;
  if (value instanceof Date) return `Date(${value.getTime()})`;
  if (Array.isArray(value)) return `[${value.map(describeValue).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    const name = Object.getPrototypeOf(value)?.constructor?.name ?? 'null-prototype';
    return `${name} {${Object.entries(value).map(([k, v]) => `${k}: ${describeValue(v)}`).join(', ')}}`;
  }
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}
