/**
 * One entry of class-validator's error tree (a ValidationError with `value` and without
 * `target`). Plans create one only for a property that failed, has failing children, or
 * waits on a promise; the tree is then flattened by flattenErrors like validate()'s output.
 */
export interface ErrorNode {
  /** undefined for class-validator's `unknownValue` error, as it reports it. */
  property: string | undefined;
  value: unknown;
  constraints: Record<string, string>;
  children: ErrorNode[] | undefined;
  /** Constraints whose message quotes the value through $value: the message with it hidden (not in validate()'s output). */
  hiddenMessages?: Record<string, string>;
}

export function errorNode(property: string | undefined, value: unknown): ErrorNode {
  return { property, value, constraints: {}, children: undefined };
}

/** `Object.keys(error.constraints).length > 0`, without the array. */
export function hasConstraints(node: ErrorNode | undefined): boolean {
  if (node === undefined) return false;
  for (const _ in node.constraints) return true;
  return false;
}
