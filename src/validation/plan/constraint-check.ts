import type { ConstraintInstanceLike, ValidationArgumentsLike, ValidationMetadataLike } from '../class-validator-api';
import { errorNode, hasConstraints, type ErrorNode } from './error-node';
import type { PlanOptions } from './plan-options';
import type { PlanRun } from './plan-run';
import { recordFailure } from './validation-message';

/** A constraint registered for a decorator: its error key and the instance that validates. */
export interface BoundConstraint {
  /** ConstraintMetadata.name, else the metadata's type: the key class-validator reports. */
  type: string;
  instance: ConstraintInstanceLike;
}

/**
 * One customValidation (or isDefined) decorator on a property, applied the way
 * ValidationExecutor.customValidations does: validateIf, then each registered constraint,
 * per item with `each` on arrays, Sets and Maps, awaiting only a constraint that returns a promise.
 */
export class ConstraintCheck {
  readonly propertyName: string;
  /** The decorator's constraint arguments, passed to validate() as `args.constraints`. */
  readonly constraintArgs: any[] | undefined;
  private readonly each: boolean;
  private readonly stopAtFirstError: boolean;
  private readonly dismissDefaultMessages: boolean;

  constructor(
    private readonly metadata: ValidationMetadataLike,
    readonly constraints: BoundConstraint[],
    readonly targetName: string | undefined,
    options: PlanOptions,
  ) {
    this.propertyName = metadata.propertyName;
    this.each = !!metadata.each;
    this.constraintArgs = metadata.constraints;
    this.stopAtFirstError = options.stopAtFirstError;
    this.dismissDefaultMessages = options.dismissDefaultMessages;
  }

  /**
   * Whether every constraint is called once on the value itself, with nothing decided around
   * the call (no validateIf, no each, no stopAtFirstError): a generated plan then calls the
   * constraints itself and hands their results to settle().
   */
  get direct(): boolean {
    return !this.metadata.validateIf && !this.each && !this.stopAtFirstError;
  }

  /** Checks `value` of `object`; returns the property's error node, created on the first failure or promise. */
  run(object: object, value: unknown, node: ErrorNode | undefined, run: PlanRun): ErrorNode | undefined {
    const validateIf = this.metadata.validateIf;
    if (validateIf && !validateIf(object, value)) return node;
    const constraints = this.constraints;
    for (let i = 0; i < constraints.length; i++) {
      if (this.stopAtFirstError && hasConstraints(node)) continue;
      const constraint = constraints[i];
      const args = this.args(object, value);
      if (!this.each || !(Array.isArray(value) || value instanceof Set || value instanceof Map)) {
        node = this.settle(constraint, object, value, constraint.instance.validate(value, args), node, run);
        continue;
      }
      node = this.runEach(constraint, object, value, args, node, run);
    }
    return node;
  }

  /** What class-validator does with one constraint's result: waits for a promise, records a falsy value as a failure. */
  settle(
    constraint: BoundConstraint, object: object, value: unknown, result: unknown, node: ErrorNode | undefined, run: PlanRun,
  ): ErrorNode | undefined {
    if (isPromise(result)) {
      const target = (node ??= errorNode(this.propertyName, value));
      run.wait(result.then((valid) => {
        if (!valid) this.fail(target, constraint, object, value);
      }));
    } else if (!result) {
      this.fail((node ??= errorNode(this.propertyName, value)), constraint, object, value);
    }
    return node;
  }

  private runEach(
    constraint: BoundConstraint, object: object, value: unknown[] | Set<unknown> | Map<unknown, unknown>,
    args: ValidationArgumentsLike, node: ErrorNode | undefined, run: PlanRun,
  ): ErrorNode | undefined {
    const items = value instanceof Map ? Array.from(value.values()) : Array.isArray(value) ? value : Array.from(value);
    // map/some/every as class-validator calls them: holes of sparse arrays are skipped alike.
    const results = items.map((item) => constraint.instance.validate(item, args));
    if (results.some(isPromise)) {
      const target = (node ??= errorNode(this.propertyName, value));
      const all = results.map((result) => (isPromise(result) ? result : Promise.resolve(result)));
      run.wait(Promise.all(all).then((valid) => {
        if (!valid.every((v) => v)) this.fail(target, constraint, object, value);
      }));
      return node;
    }
    if (!results.every((v) => v)) this.fail((node ??= errorNode(this.propertyName, value)), constraint, object, value);
    return node;
  }

  private fail(node: ErrorNode, constraint: BoundConstraint, object: object, value: unknown): void {
    const args = this.args(object, value);
    recordFailure(node, constraint.type, this.metadata.message, constraint.instance, args, this.dismissDefaultMessages);
  }

  private args(object: object, value: unknown): ValidationArgumentsLike {
    return { targetName: this.targetName, property: this.propertyName, object, value, constraints: this.constraintArgs };
  }
}

function isPromise(value: unknown): value is Promise<unknown> {
  return value !== null && typeof value === 'object' && typeof (value as { then?: unknown }).then === 'function';
}
