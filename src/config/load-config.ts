import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadUserModule } from '../datasource/load-module';
import { UserError } from '../errors';
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
}

export interface LoadedConfig extends ConfigFile {
  tableRules: NamedRule[];
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
  const result: LoadedConfig = { ...(config as ConfigFile), tableRules: readTableRules((config as ConfigFile).tables, absolute) };
  if (result.dataSource !== undefined) {
    if (typeof result.dataSource !== 'string') throw new UserError(`"dataSource" in ${absolute} must be a path.`);
    result.dataSource = path.resolve(path.dirname(absolute), result.dataSource);
  }
  return result;
}
