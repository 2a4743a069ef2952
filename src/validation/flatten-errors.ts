export interface Finding {
  property: string;
  constraint: string;
  message: string;
  value: unknown;
}

/** A ValidationError as flattening reads it (property is undefined on class-validator's unknownValue error). */
export interface ErrorTreeLike {
  property: string | undefined;
  value?: unknown;
  constraints?: Record<string, string>;
  children?: ErrorTreeLike[];
}

/** class-validator's error tree as flat findings, nested properties as dotted paths. */
export function flattenErrors(errors: ErrorTreeLike[], prefix = '', into: Finding[] = []): Finding[] {
  for (const error of errors) {
    const property = prefix + error.property;
    if (error.constraints) {
      for (const constraint of Object.keys(error.constraints)) {
        into.push({ property, constraint, message: error.constraints[constraint], value: error.value });
      }
    }
    if (error.children && error.children.length > 0) flattenErrors(error.children, `${property}.`, into);
  }
  return into;
}
