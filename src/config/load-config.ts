import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadUserModule } from '../datasource/load-module';
import { UserError } from '../errors';
import { nearestName } from './nearest-name';
import { parseChecks, type Check } from '../declarations/checks';
import { readTableRules, type NamedRule, type TableRule } from './table-rules';
import { readJsonFile } from '../read-json-file';

/** What a validate-records.config.* file may set; command-line flags win over it. */
export interface ConfigFile {
  dataSource?: string;
  procs?: number;
  /** Fork exactly `procs` workers (--exact-procs). */
  exactProcs?: boolean;
  batchSize?: number;
  maxSamples?: number;
  only?: string[];
  except?: string[];
  /** Passed to class-validator's validate(), e.g. { groups: ['db'], skipMissingProperties: true }. */
  validatorOptions?: Record<string, unknown>;
  /** Severity and thresholds per entity or table name (globs allowed), see table-rules.ts. */
  tables?: Record<string, TableRule>;
  /** What is checked by default: "validators", "columns", "unique", "relations" (a list or "a,b"). */
  checks?: string | string[];
  /** Env files (relative to the config file) loaded before the data source module, as --env-file. */
  envFile?: string | string[];
}

export interface LoadedConfig extends Omit<ConfigFile, 'checks'> {
  tableRules: NamedRule[];
  checks?: Check[];
  /** envFile as absolute paths. */
  envFiles?: string[];
}

export const CONFIG_NAMES = ['ts', 'js', 'cjs', 'mjs', 'json'].map((ext) => `validate-records.config.${ext}`);

export function findConfigFile(directory: string): string | undefined {
  return CONFIG_NAMES.map((name) => path.join(directory, name)).find((file) => fs.existsSync(file));
}

export async function loadConfigFile(file: string): Promise<LoadedConfig> {
  const absolute = path.resolve(file);
  let config: unknown;
  if (absolute.endsWith('.json')) {
    config = readJsonFile(absolute, 'config file');
  } else {
    const exports = await loadUserModule(absolute, 'config');
    config = await ('default' in exports ? exports.default : exports);
  }
  if (!config || typeof config !== 'object') {
    throw new UserError(`The config file ${absolute} must export an object, such as { dataSource: './src/data-source.ts' }.`);
  }
  checkKeys(config as Record<string, unknown>, absolute);
  const raw = config as ConfigFile;
  const result: LoadedConfig = {
    ...raw,
    tableRules: readTableRules(raw.tables, absolute),
    checks: raw.checks === undefined ? undefined : parseChecks(raw.checks, `"checks" in ${absolute}`),
  };
  if (result.dataSource !== undefined) {
    if (typeof result.dataSource !== 'string') throw new UserError(`"dataSource" in ${absolute} must be a path.`);
    result.dataSource = path.resolve(path.dirname(absolute), result.dataSource);
  }
  if (result.exactProcs !== undefined && typeof result.exactProcs !== 'boolean') {
    throw new UserError(`"exactProcs" in ${absolute} must be true or false; got ${JSON.stringify(result.exactProcs)}.`);
  }
  if (result.envFile !== undefined) {
    const files = ([] as unknown[]).concat(result.envFile);
    if (files.some((entry) => typeof entry !== 'string')) throw new UserError(`"envFile" in ${absolute} must be a path or a list of paths.`);
    result.envFiles = (files as string[]).map((entry) => path.resolve(path.dirname(absolute), entry));
  }
  return result;
}

const CONFIG_KEYS = ['dataSource', 'procs', 'exactProcs', 'batchSize', 'maxSamples', 'only', 'except', 'validatorOptions', 'tables', 'checks', 'envFile'] as const;

/** A misspelt key would otherwise be ignored without a word, and its setting silently not applied. */
function checkKeys(config: Record<string, unknown>, file: string): void {
  const unknown = Object.keys(config).filter((key) => !(CONFIG_KEYS as readonly string[]).includes(key));
  if (unknown.length === 0) return;
  const described = unknown.map((key) => {
    const near = nearestName(key, CONFIG_KEYS);
    return near ? `"${key}" (did you mean "${near}"?)` : `"${key}"`;
  });
  throw new UserError(`The config file ${file} has unknown ${unknown.length === 1 ? 'key' : 'keys'} ${described.join(', ')}; the keys are ${CONFIG_KEYS.map((k) => `"${k}"`).join(', ')}.`);
}
