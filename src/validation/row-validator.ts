import type { ClassValidatorApi } from './class-validator-api';
import { flattenErrors, type Finding } from './flatten-errors';
import type { ClassPlan } from './plan/class-plan';
import type { ErrorNode } from './plan/error-node';
import { PlanRegistry, type FallbackClass } from './plan/plan-registry';
import { PlanRun } from './plan/plan-run';
import type { ValidatorOptions } from './validator-options';

export type { FallbackClass } from './plan/plan-registry';

/** Findings of one entity: an array when known at once, a promise when async validators run. */
export type RowVerdict = Finding[] | Promise<Finding[]>;

const NO_FINDINGS: Finding[] = [];

/** What a scan asks of a validator. */
export interface Validator {
  validate(entity: object): RowVerdict;
  fallbackClasses(): FallbackClass[];
}

/** For tables whose validators are not checked (--checks without validators, or no class-validator installed). */
export const NO_VALIDATION: Validator = {
  validate: () => NO_FINDINGS,
  fallbackClasses: () => [],
};

/**
 * Validates entities as class-validator's `validate()` would, through per-class plans
 * compiled once from its metadata storage (src/validation/plan/): synchronously unless a
 * constraint returns a promise, and not at all for classes without validators. Classes a
 * plan cannot reproduce exactly are validated by class-validator itself (fallbackClasses()).
 */
export class RowValidator implements Validator {
  private readonly registry: PlanRegistry;
  // Rows of a table mostly share a class: the last lookup is kept.
  private lastTarget: Function | undefined;
  private lastPlan: ClassPlan | undefined;
  // A call that found nothing leaves these as they were: the next call reuses them.
  private errors: ErrorNode[] = [];
  private run = new PlanRun();

  constructor(api: ClassValidatorApi, options: ValidatorOptions = {}) {
    this.registry = new PlanRegistry(api, { ...options, validationError: { target: false, value: true } });
  }

  validate(entity: object): RowVerdict {
    const target = entity.constructor;
    let plan = this.lastPlan;
    if (target !== this.lastTarget || plan === undefined) {
      plan = this.registry.planFor(target);
      this.lastTarget = target;
      this.lastPlan = plan;
    }
    if (plan.empty) return NO_FINDINGS;
    const errors = this.errors;
    const run = this.run;
    try {
      plan.apply(entity, errors, run);
    } catch (error) {
      // The row's verdict is this error (a validator threw); what it started is dropped.
      this.handOver();
      for (const promise of run.pending ?? []) promise.catch(() => undefined);
      throw error;
    }
    if (run.pending !== undefined) {
      this.handOver();
      return Promise.all(run.pending).then(() => flattenErrors(errors));
    }
    if (errors.length === 0) return NO_FINDINGS;
    this.handOver();
    return flattenErrors(errors);
  }

  /** The current error list and run state now belong to one row's verdict: the next row gets new ones. */
  private handOver(): void {
    this.errors = [];
    this.run = new PlanRun();
  }

  /** The classes (entities or nested) validated by class-validator itself instead of a plan, and why. */
  fallbackClasses(): FallbackClass[] {
    return this.registry.fallbackClasses();
  }
}
