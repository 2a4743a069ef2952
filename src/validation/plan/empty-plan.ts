import type { ClassPlan } from './class-plan';
import { errorNode, type ErrorNode } from './error-node';

/**
 * A class without validation metadata under the options. A nested object of such a class
 * gets class-validator's `unknownValue` error when forbidUnknownValues is on (its default).
 */
export class EmptyPlan implements ClassPlan {
  readonly empty = true;

  constructor(private readonly forbidUnknownValues: boolean) {}

  apply(_object: object, into: ErrorNode[]): void {
    if (!this.forbidUnknownValues) return;
    const node = errorNode(undefined, undefined);
    node.constraints.unknownValue = 'an unknown value was passed to the validate function';
    node.children = [];
    into.push(node);
  }
}
