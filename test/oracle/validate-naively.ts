import { validate, type ValidationError } from 'class-validator';

/** What validate() says of one entity: "property:constraint" findings, or that it knows no rule for its class. */
export type Verdict = { findings: string[] } | { noRules: true };

/** The finding our tool reports when validate() throws or rejects for a row. */
const VALIDATOR_THREW = '*:validatorThrew';

export async function validateNaively(entity: object): Promise<Verdict> {
  let errors: ValidationError[];
  try {
    errors = await validate(entity);
  } catch {
    return { findings: [VALIDATOR_THREW] };
  }
  if (errors.length === 1 && errors[0].property === undefined && errors[0].constraints?.unknownValue) {
    return { noRules: true };
  }
  return { findings: [...new Set(flatten(errors, ''))].sort() };
}

/** Nested errors as dotted paths: address.city. */
function flatten(errors: ValidationError[], prefix: string): string[] {
  return errors.flatMap((error) => [
    ...Object.keys(error.constraints ?? {}).map((constraint) => `${prefix}${error.property}:${constraint}`),
    ...flatten(error.children ?? [], `${prefix}${error.property}.`),
  ]);
}
