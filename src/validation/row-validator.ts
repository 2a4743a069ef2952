import type { ClassValidatorApi } from './class-validator-api';
import { classValidationFacts } from './class-validation-facts';
import { flattenErrors, type Finding } from './flatten-errors';

export type ValidatorOptions = Record<string, unknown>;

/** Findings of one entity: an array when known at once, a promise when async validators run. */
export type RowVerdict = Finding[] | Promise<Finding[]>;

const NO_FINDINGS: Finding[] = [];

/**
 * Validates entities with class-validator as `validate()` would: synchronously where
 * that gives the same answer, asynchronously where a class has async constraints (or
 * nested objects that might), and not at all for classes without validators.
 */
export class RowValidator {
  private readonly strategies = new Map<Function, (entity: object) => RowVerdict>();
  private readonly options: ValidatorOptions;

  constructor(private readonly api: ClassValidatorApi, options: ValidatorOptions = {}) {
    this.options = { ...options, validationError: { target: false, value: true } };
  }

  validate(entity: object): RowVerdict {
    const target = entity.constructor;
    let strategy = this.strategies.get(target);
    if (!strategy) {
      strategy = this.strategyFor(target);
      this.strategies.set(target, strategy);
    }
    return strategy(entity);
  }

  /** Class names whose rows are validated asynchronously (slower, but exact). */
  asyncClasses(): string[] {
    return [...this.strategies.entries()].filter(([, s]) => s.name === 'validateAsync').map(([target]) => target.name);
  }

  private strategyFor(target: Function): (entity: object) => RowVerdict {
    const groups = this.options.groups as string[] | undefined;
    const facts = classValidationFacts(this.api, target, groups);
    if (!facts.hasValidators) return () => NO_FINDINGS;
    const { api, options } = this;
    if (facts.needsAsync) {
      return async function validateAsync(entity) {
        return flattenErrors(await api.validate(entity, options));
      };
    }
    return function validateSync(entity) {
      const errors = api.validateSync(entity, options);
      return errors.length === 0 ? NO_FINDINGS : flattenErrors(errors);
    };
  }
}
