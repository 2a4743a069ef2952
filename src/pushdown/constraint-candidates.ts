import type { DialectName, Rule } from '../rules';
import { translatePattern } from './translate-pattern';
import type { ValueKind } from './value-kind';

/**
 * The rows a class-validator constraint could fail on, among rows whose column is not NULL
 * (NULL is decided by the property, see class-prefilter.ts), as a rule: a superset proven
 * from the constraint's code (class-validator 0.14-0.15, validator.js isLength), or a
 * string saying why the constraint is not translated.
 *
 * Lengths: isLength counts UTF-16 code units less surrogate pairs and less a variation
 * selector (U+FE0E/U+FE0F) after another character, so code points - selectors <= its
 * length <= code points <= UTF-8 bytes <= 4 * code points. MaxLength(n) can only fail where
 * code points > n (bytes on SQLite, whose length() stops at a NUL), MinLength(n) where code
 * points < n or, below 2n code points, a selector is present. On SQLite any column may hold any storage class: a value of a class
 * the constraint cannot pass on is always a candidate.
 */
export function constraintCandidates(
  type: string, args: unknown[] | undefined, kind: ValueKind, column: string, dialect: DialectName,
  /** False where the database's character count may exceed the text's (PostgreSQL's SQL_ASCII counts bytes). */
  countsCharacters = true,
): Rule | string {
  const a = args ?? [];
  const notText: Rule = { kind: 'storageClass', column, classes: ['integer', 'real', 'blob'] };
  const notNumber: Rule = { kind: 'storageClass', column, classes: ['text', 'blob'] };
  const notInteger: Rule = { kind: 'storageClass', column, classes: ['text', 'blob', 'real'] };
  const anyValue: Rule = { kind: 'not', rule: { kind: 'isNull', column } };
  const any = (...rules: Rule[]): Rule => ({ kind: 'any', rules });
  const all = (...rules: Rule[]): Rule => ({ kind: 'all', rules });
  const chars = (operator: '<' | '>', limit: number): Rule => ({ kind: 'length', column, measure: 'chars', operator, limit });
  const bytes = (operator: '<' | '>', limit: number): Rule => ({ kind: 'length', column, measure: 'bytes', operator, limit });
  // Counting characters decodes the text; reading its byte count does not (measured on
  // PostgreSQL: the blog's prefilter took a third less). Each character count is guarded by
  // the byte count it implies: characters <= bytes <= 4 * characters.
  const tooLong = (n: number): Rule => all(bytes('>', n), chars('>', n));
  // isLength is a + v - pairs, for a code points that are not selectors (U+FE0E/U+FE0F), v that
  // are, and pairs of a selector after another character (pairs <= a, pairs <= v): so
  // isLength >= a, >= v, and a + v <= 2 * isLength code points, of at most 4 bytes each in
  // every encoding (a selector is 3 in UTF-8 but 4 in UTF-32). Without a selector it fails
  // MinLength(n) only below n code points and 4n bytes; with one, below 2n code points and 8n bytes.
  const tooShort = (n: number): Rule => any(
    all(bytes('<', 4 * n), chars('<', n)),
    all(bytes('<', 8 * n), chars('<', 2 * n), { kind: 'containsText', column, texts: ['\uFE0E', '\uFE0F'] }),
  );
  const unknownArgs = `@${type} with constraints ${JSON.stringify(a)} is not translated to SQL`;
  const uncounted = `@${type} is not translated to SQL: the database's encoding (SQL_ASCII) counts bytes, not characters`;
  if (kind === 'string') {
    // SQLite's length() stops at a NUL and so may count less: bytes there.
    const maxRule = dialect === 'sqlite' ? (n: number) => bytes('>', n) : tooLong;
    switch (type) {
      case 'isString':
        return notText;
      case 'isNotEmpty':
        return any(notText, { kind: 'length', column, measure: 'bytes', operator: '=', limit: 0 });
      case 'maxLength':
        return isLimit(a[0]) ? any(notText, maxRule(a[0] as number)) : unknownArgs;
      case 'minLength':
        if (!countsCharacters) return uncounted;
        return isLimit(a[0]) ? any(notText, tooShort(a[0] as number)) : unknownArgs;
      case 'isLength': {
        const [min, max] = a;
        if (!(min === undefined || min === null || isLimit(min)) || !(max === undefined || isLimit(max))) return unknownArgs;
        if (min && !countsCharacters) return uncounted;
        return any(notText, ...(min ? [tooShort(min as number)] : []), ...(max === undefined ? [] : [maxRule(max as number)]));
      }
      case 'isIn':
      case 'isNotIn':
      case 'equals': {
        const values = type === 'equals' ? [a[0]] : a[0];
        if (!Array.isArray(values) || !values.every((v) => typeof v === 'string' && !v.includes('\0'))) return unknownArgs;
        return type === 'isNotIn'
          ? { kind: 'in', column, values: values as string[], asText: true }
          : any(notText, { kind: 'notIn', column, values: values as string[], asText: true });
      }
      case 'matches': {
        // SQLite has no regular expressions; elsewhere only patterns proven to match alike.
        if (dialect === 'sqlite') return `@${type} is not translated to SQL`;
        const pattern = translatePattern(a[0], a[1], dialect);
        if (pattern === undefined) return `@${type} with ${describePattern(a[0], a[1])} is not translated to SQL`;
        return any(notText, { kind: 'not', rule: { kind: 'matches', column, pattern } });
      }
      case 'isNumber': case 'isInt': case 'min': case 'max': case 'isPositive': case 'isNegative': case 'isBoolean':
        return anyValue;
      default:
        return `@${type} is not translated to SQL`;
    }
  }
  switch (type) {
    case 'isNumber':
    case 'isInt':
      return notInteger;
    case 'min':
      return isFiniteNumber(a[0]) ? any(notNumber, { kind: 'compare', column, operator: '<', value: a[0] as number }) : unknownArgs;
    case 'max':
      return isFiniteNumber(a[0]) ? any(notNumber, { kind: 'compare', column, operator: '>', value: a[0] as number }) : unknownArgs;
    case 'isPositive':
      return any(notNumber, { kind: 'compare', column, operator: '<=', value: 0 });
    case 'isNegative':
      return any(notNumber, { kind: 'compare', column, operator: '>=', value: 0 });
    case 'isNotEmpty':
      return notNumber;
    case 'isIn':
    case 'isNotIn':
    case 'equals': {
      const values = type === 'equals' ? [a[0]] : a[0];
      if (!Array.isArray(values) || !values.every(isFiniteNumber)) return unknownArgs;
      return type === 'isNotIn'
        ? { kind: 'in', column, values: values as number[] }
        : any(notNumber, { kind: 'notIn', column, values: values as number[] });
    }
    case 'isString': case 'maxLength': case 'minLength': case 'isLength': case 'isBoolean':
      return anyValue;
    default:
      return `@${type} is not translated to SQL`;
  }
}

function describePattern(pattern: unknown, modifiers: unknown): string {
  if (pattern instanceof RegExp) return String(pattern);
  return `${JSON.stringify(pattern)}${modifiers ? ` (${String(modifiers)})` : ''}`;
}

function isLimit(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function isFiniteNumber(value: unknown): boolean {
  return typeof value === 'number' && Number.isFinite(value);
}
