import type { ClassValidatorApi } from '../class-validator-api';
import type { ValidatorOptions } from '../validator-options';

/**
 * Options the plans reproduce. `validationError` is set by RowValidator itself, and
 * `enableDebugMessages` only makes class-validator warn when no class has metadata at all.
 * `forbidNonWhitelisted` does nothing without `whitelist`, which falls back.
 */
const MIRRORED_OPTIONS = new Set([
  'groups', 'always', 'strictGroups', 'forbidUnknownValues', 'skipMissingProperties', 'skipNullProperties',
  'skipUndefinedProperties', 'stopAtFirstError', 'dismissDefaultMessages', 'validationError',
  'enableDebugMessages', 'forbidNonWhitelisted',
]);

/** Versions whose executor the plans mirror; the executor files of 0.14.1 to 0.14.4 and 0.15.1 were checked against them. */
const FIRST_MIRRORED = [0, 14, 1];
const FIRST_UNKNOWN = [0, 16, 0];

/** Why no class can be planned under this class-validator and these options, or undefined when plans apply. */
export function unplannableReason(api: ClassValidatorApi, options: ValidatorOptions): string | undefined {
  const version = parseVersion(api.version);
  if (!version) return `class-validator's version could not be read (${api.version ?? 'no package.json found'})`;
  if (compare(version, FIRST_MIRRORED) < 0 || compare(version, FIRST_UNKNOWN) >= 0) {
    return `class-validator ${api.version}: validation plans mirror versions 0.14.1 to 0.15.x`;
  }
  const storage = api.getMetadataStorage() as unknown as Record<string, unknown>;
  for (const method of ['getTargetValidationMetadatas', 'groupByPropertyName', 'getTargetValidatorConstraints']) {
    if (typeof storage[method] !== 'function') return `class-validator's metadata storage has no ${method}()`;
  }
  if (options.whitelist) return 'the whitelist option strips or forbids undecorated properties';
  for (const key of Object.keys(options)) {
    if (!MIRRORED_OPTIONS.has(key) && options[key] !== undefined) return `validator option "${key}" is not mirrored by validation plans`;
  }
  return undefined;
}

function parseVersion(version: string | undefined): number[] | undefined {
  const match = /^(\d+)\.(\d+)\.(\d+)/.exec(version ?? '');
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : undefined;
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}
