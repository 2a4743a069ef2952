import type { ConstraintCheck } from './constraint-check';
import type { ErrorNode } from './error-node';
import type { NestedCheck } from './nested-check';
import type { PlanOptions } from './plan-options';
import type { PlanRun } from './plan-run';

/** A conditional metadata's `constraints`: [condition]. Called as `constraints[0](object, value)` like the executor does. */
export type Condition = [(object: any, value: any) => unknown, ...unknown[]];

/** The decorators of one property, split the way ValidationExecutor.performValidations splits them. */
export interface PropertyChecks {
  name: string;
  /** @ValidateIf and @IsOptional conditions: all are called, the property is checked when every one holds. */
  conditions: Condition[];
  /** @IsDefined: checked before the skip options, so it applies even when they skip the rest. */
  defined: ConstraintCheck[];
  custom: ConstraintCheck[];
  /** At most one: several @ValidateNested on a property fall back to class-validator. */
  nested: NestedCheck | undefined;
}

/** performValidations for one property of one object, without building an error for a property that passes. */
export class PropertyPlan {
  private readonly name: string;
  private readonly conditions: Condition[];
  private readonly defined: ConstraintCheck[];
  private readonly custom: ConstraintCheck[];
  private readonly nested: NestedCheck | undefined;

  constructor(checks: PropertyChecks, private readonly options: PlanOptions) {
    this.name = checks.name;
    this.conditions = checks.conditions;
    this.defined = checks.defined;
    this.custom = checks.custom;
    this.nested = checks.nested;
  }

  apply(object: Record<string, unknown>, into: ErrorNode[], run: PlanRun): void {
    const value = object[this.name];
    if (this.conditions.length > 0 && !allHold(this.conditions, object, value)) return;
    let node: ErrorNode | undefined;
    for (let i = 0; i < this.defined.length; i++) node = this.defined[i].run(object, value, node, run);
    if (!this.skips(value)) {
      for (let i = 0; i < this.custom.length; i++) node = this.custom[i].run(object, value, node, run);
      if (this.nested !== undefined) node = this.nested.run(value, this.name, node, run);
    }
    if (node !== undefined) into.push(node);
  }

  private skips(value: unknown): boolean {
    const options = this.options;
    if (value === undefined && options.skipUndefinedProperties) return true;
    if (value === null && options.skipNullProperties) return true;
    return (value === null || value === undefined) && options.skipMissingProperties;
  }
}

/** Every condition is called (map, then reduce), as the executor does. */
function allHold(conditions: Condition[], object: object, value: unknown): boolean {
  let holds: unknown = true;
  for (let i = 0; i < conditions.length; i++) {
    const result = conditions[i][0](object, value);
    holds = holds && result;
  }
  return !!holds;
}
