import type { ClassValidatorApi } from './class-validator-api';
import { flattenErrors, type Finding } from './flatten-errors';
import type { ErrorNode } from './plan/error-node';
import { PlanRegistry, type FallbackClass } from './plan/plan-registry';
import { PlanRun } from './plan/plan-run';

export type ValidatorOptions = Record<string, unknown>;
export type { FallbackClass } from './plan/plan-registry';

/** Findings of one entity: an array when known at once, a promise when async validators run. */
export type RowVerdict = Finding[] | Promise<Finding[]>;

const NO_FINDINGS: Finding[] = [];

/**
 * Validates entities as class-validator's `validate()` would, through per-class plans
 * compiled once from its metadata storage (src/validation/plan/): synchronously unless a
 * constraint returns a promise, and not at all for classes without validators. Classes a
 * plan cannot reproduce exactly are validated by class-validator itself (fallbackClasses()).
 */
export class RowValidator {
  private readonly registry: PlanRegistry;

  constructor(api: ClassValidatorApi, options: ValidatorOptions = {}) {
    this.registry = new PlanRegistry(api, { ...options, validationError: { target: false, value: true } });
  }

  validate(entity: object): RowVerdict {
    const target = entity.constructor;
    const plan = this.registry.planFor(target);
    if (plan.empty) return NO_FINDINGS;
    const errors: ErrorNode[] = [];
    const run = new PlanRun();
    plan.apply(entity, errors, run);
    if (run.pending !== undefined) {
      return Promise.all(run.pending).then(() => flattenErrors(errors));
    }
    return errors.length === 0 ? NO_FINDINGS : flattenErrors(errors);
  }

  /** The classes (entities or nested) validated by class-validator itself instead of a plan, and why. */
  fallbackClasses(): FallbackClass[] {
    return this.registry.fallbackClasses();
  }
}
