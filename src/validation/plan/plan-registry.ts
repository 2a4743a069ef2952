import type { ClassValidatorApi } from '../class-validator-api';
import type { ValidatorOptions } from '../validator-options';
import type { ClassPlan, PlanLookup } from './class-plan';
import { compileClassPlan } from './compile-class-plan';
import { EmptyPlan } from './empty-plan';
import { FallbackPlan } from './fallback-plan';
import { planOptions, type PlanOptions } from './plan-options';
import { unplannableReason } from './plan-support';

export interface FallbackClass {
  className: string;
  reason: string;
}

/**
 * The plan of every class met so far (entities, single-table-inheritance children, nested
 * values), each compiled on first use, and the classes left to class-validator, with why.
 */
export class PlanRegistry implements PlanLookup {
  private readonly plans = new Map<Function, ClassPlan>();
  private readonly fallbacks: FallbackClass[] = [];
  private readonly planOptions: PlanOptions;
  /** Set when nothing can be planned (version, options): every class with validators falls back. */
  private readonly globalReason: string | undefined;

  constructor(private readonly api: ClassValidatorApi, private readonly options: ValidatorOptions) {
    this.planOptions = planOptions(options);
    this.globalReason = unplannableReason(api, options);
  }

  planFor(target: Function): ClassPlan {
    let plan = this.plans.get(target);
    if (plan === undefined) {
      plan = this.build(target);
      this.plans.set(target, plan);
    }
    return plan;
  }

  fallbackClasses(): FallbackClass[] {
    return this.fallbacks.map((entry) => ({ ...entry }));
  }

  private build(target: Function): ClassPlan {
    const storage = this.api.getMetadataStorage();
    if (this.globalReason !== undefined) {
      return this.hasNoMetadata(target) ? new EmptyPlan(this.planOptions.forbidUnknownValues) : this.fallback(target, this.globalReason);
    }
    const compiled = compileClassPlan(target, storage, this.planOptions, this);
    return 'plan' in compiled ? compiled.plan : this.fallback(target, compiled.fallback);
  }

  /** Whether class-validator knows no validator of the class under the options (false when it cannot tell). */
  private hasNoMetadata(target: Function): boolean {
    const { always, strictGroups, groups } = this.planOptions;
    try {
      return this.api.getMetadataStorage().getTargetValidationMetadatas(target, undefined, always, strictGroups, groups).length === 0;
    } catch {
      return false;
    }
  }

  private fallback(target: Function, reason: string): ClassPlan {
    this.fallbacks.push({ className: target?.name ?? String(target), reason });
    return new FallbackPlan(this.api, this.options, reason);
  }
}
