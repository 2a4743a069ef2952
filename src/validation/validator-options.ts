/** class-validator's ValidatorOptions as the config file gives them (passed through as they are). */
export type ValidatorOptions = Record<string, unknown>;
