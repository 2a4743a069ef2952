import type { ValidatorOptions } from '../validator-options';

/** The validator options a plan mirrors, read the way class-validator's ValidationExecutor reads them. */
export interface PlanOptions {
  groups: string[] | undefined;
  always: boolean;
  strictGroups: boolean;
  forbidUnknownValues: boolean;
  skipUndefinedProperties: boolean;
  skipNullProperties: boolean;
  skipMissingProperties: boolean;
  stopAtFirstError: boolean;
  dismissDefaultMessages: boolean;
}

export function planOptions(options: ValidatorOptions): PlanOptions {
  return {
    groups: options.groups as string[] | undefined,
    // `|| false` as the executor does: a truthy non-boolean is passed on as is.
    always: (options.always || false) as boolean,
    strictGroups: (options.strictGroups || false) as boolean,
    forbidUnknownValues: options.forbidUnknownValues === undefined || options.forbidUnknownValues !== false,
    skipUndefinedProperties: options.skipUndefinedProperties === true,
    skipNullProperties: options.skipNullProperties === true,
    skipMissingProperties: options.skipMissingProperties === true,
    stopAtFirstError: !!options.stopAtFirstError,
    dismissDefaultMessages: !!options.dismissDefaultMessages,
  };
}
