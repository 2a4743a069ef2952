export interface Finding {
  property: string;
  constraint: string;
  message: string;
  value: unknown;
  /** The message with its $value token's substitution hidden, when it has one. */
  hiddenMessage?: string;
}

/** A ValidationError as flattening reads it (property is undefined on class-validator's unknownValue error). */
export interface ErrorTreeLike {
  property: string | undefined;
  value?: unknown;
  constraints?: Record<string, string>;
  children?: ErrorTreeLike[];
  hiddenMessages?: Record<string, string>;
}

/** class-validator's error tree as flat findings, nested properties as dotted paths. */
export function flattenErrors(errors: ErrorTreeLike[], prefix = '', into: Finding[] = []): Finding[] {
  for (const error of errors) {
    const property = prefix + error.property;
    if (error.constraints) {
      for (const constraint of Object.keys(error.constraints)) {
        const finding: Finding = { property, constraint, message: error.constraints[constraint], value: error.value };
        const hidden = error.hiddenMessages?.[constraint];
        if (hidden !== undefined) finding.hiddenMessage = hidden;
        into.push(finding);
      }
    }
    if (error.children && error.children.length > 0) flattenErrors(error.children, `${property}.`, into);
  }
  return into;
}
