import type { ConstraintCheck } from './constraint-check';
import type { NestedCheck } from './nested-check';

/** A conditional metadata's `constraints`: [condition]. Called as `constraints[0](object, value)` like the executor does. */
export type Condition = [(object: any, value: any) => unknown, ...unknown[]];

/** The decorators of one property, split the way ValidationExecutor.performValidations splits them. */
export interface PropertyChecks {
  name: string;
  /** @ValidateIf and @IsOptional conditions: all are called, the property is checked when every one holds. */
  conditions: Condition[];
  /** The conditions' decorator names, in the same order ("isOptional"; undefined for @ValidateIf). */
  conditionNames: Array<string | undefined>;
  /** @IsDefined: checked before the skip options, so it applies even when they skip the rest. */
  defined: ConstraintCheck[];
  custom: ConstraintCheck[];
  /** At most one: several @ValidateNested on a property fall back to class-validator. */
  nested: NestedCheck | undefined;
}

/** Every condition is called (map, then reduce), as the executor does. */
export function allHold(conditions: Condition[], object: object, value: unknown): boolean {
  let holds: unknown = true;
  for (let i = 0; i < conditions.length; i++) {
    const result = conditions[i][0](object, value);
    holds = holds && result;
  }
  return !!holds;
}
