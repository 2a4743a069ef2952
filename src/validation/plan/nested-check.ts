import type { ValidationMetadataLike } from '../class-validator-api';
import type { PlanLookup } from './class-plan';
import { errorNode, hasConstraints, type ErrorNode } from './error-node';
import type { PlanOptions } from './plan-options';
import type { PlanRun } from './plan-run';
import { recordFailure } from './validation-message';

/**
 * A property's @ValidateNested, applied as ValidationExecutor.nestedValidations does:
 * arrays, Sets and Maps item by item (each item an error node named by its index or key),
 * objects by their own class's plan, anything else (null included) as a `nestedValidation` error.
 */
export class NestedCheck {
  private readonly type: string;

  constructor(
    private readonly metadata: ValidationMetadataLike,
    private readonly plans: PlanLookup,
    private readonly options: PlanOptions,
  ) {
    this.type = metadata.type;
  }

  /** Validates `value` (the property's, or an item's); returns the node of `property`, created when needed. */
  run(value: unknown, property: string, node: ErrorNode | undefined, run: PlanRun): ErrorNode | undefined {
    if (value === undefined) return node;
    if (this.options.stopAtFirstError && hasConstraints(node)) return node;
    if (Array.isArray(value) || value instanceof Set || value instanceof Map) {
      const children = node?.children ?? [];
      const items = value instanceof Set ? Array.from(value) : value;
      // forEach as class-validator: holes skipped, Map items named by their key.
      (items as unknown[]).forEach((item: unknown, index: unknown) => {
        const child = this.item(item, (index as { toString(): string }).toString(), run);
        if (child !== undefined) children.push(child);
      });
      return withChildren(node, property, value, children);
    }
    if (value instanceof Object) {
      const children = node?.children ?? [];
      this.plans.planFor(value.constructor).apply(value, children, run);
      return withChildren(node, property, value, children);
    }
    node ??= errorNode(property, value);
    this.recordFailure(node, value);
    return node;
  }

  /** The executor passes the decorated class itself as the "object": $target reads "Function". */
  private recordFailure(node: ErrorNode, value: unknown): void {
    const target = this.metadata.target as Function;
    const args = {
      targetName: target.constructor ? target.constructor.name : undefined,
      property: this.metadata.propertyName,
      object: target,
      value,
      constraints: this.metadata.constraints,
    };
    recordFailure(node, this.type, this.metadata.message, undefined, args, this.options.dismissDefaultMessages);
  }

  /** performValidations(value, item, index, [], [this]): skip options apply, then the nested check again. */
  private item(item: unknown, index: string, run: PlanRun): ErrorNode | undefined {
    const options = this.options;
    if (item === undefined && options.skipUndefinedProperties) return undefined;
    if (item === null && options.skipNullProperties) return undefined;
    if ((item === null || item === undefined) && options.skipMissingProperties) return undefined;
    return this.run(item, index, undefined, run);
  }
}

function withChildren(node: ErrorNode | undefined, property: string, value: unknown, children: ErrorNode[]): ErrorNode | undefined {
  if (children.length === 0) return node;
  node ??= errorNode(property, value);
  node.children = children;
  return node;
}
