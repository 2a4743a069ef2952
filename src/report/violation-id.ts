/**
 * Names a failure of one property's constraint: the key under which counts are added up,
 * and the form a baseline file lists a row's failures in ("title:isNotEmpty").
 */
export function violationId(failure: { property: string; constraint: string }): string {
  return `${failure.property}:${failure.constraint}`;
}
