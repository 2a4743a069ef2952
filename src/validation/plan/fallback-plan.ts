import type { ClassValidatorApi, ValidationErrorLike } from '../class-validator-api';
import type { ValidatorOptions } from '../validator-options';
import type { ClassPlan } from './class-plan';
import { addHiddenMessages } from './fallback-hidden-messages';
import type { ErrorNode } from './error-node';
import type { PlanRun } from './plan-run';

/**
 * A class the plans cannot reproduce exactly: its objects (entities or nested values) are
 * validated by class-validator's validate() itself, and its errors take their place in the
 * tree. Always validate(), never validateSync: a validator may return a promise without
 * being declared async, and only validate() waits for it.
 */
export class FallbackPlan implements ClassPlan {
  readonly empty = false;

  constructor(
    private readonly api: ClassValidatorApi,
    private readonly options: ValidatorOptions,
    readonly reason: string,
  ) {}

  apply(object: object, into: ErrorNode[], run: PlanRun): void {
    // Holds the place of the errors to come; siblings are only ever appended after it.
    const placeholder: ErrorNode = { property: undefined, value: undefined, constraints: {}, children: undefined };
    into.push(placeholder);
    run.wait(this.api.validate(object, this.options).then((errors) => {
      addHiddenMessages(errors, object, this.api.getMetadataStorage(), this.options.dismissDefaultMessages === true);
      into.splice(into.indexOf(placeholder), 1, ...errors.map(asNode));
    }));
  }
}

/** class-validator's own errors have the node's shape (constraints and children may be absent). */
function asNode(error: ValidationErrorLike): ErrorNode {
  return error as unknown as ErrorNode;
}
