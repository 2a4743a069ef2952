import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseEnv } from 'node:util';
import { UserError } from '../errors';

/**
 * --env-file, as Node's own flag reads it (util.parseEnv is Node's parser): a later file's
 * value wins over an earlier file's, and a variable already set in the environment is
 * never overridden. Run in the manager and in every worker before the user's modules load,
 * because decorators and data sources read process.env when they are imported.
 */
export function loadEnvFiles(files: readonly string[]): void {
  const values: Record<string, string> = {};
  for (const file of files) Object.assign(values, readEnvFile(file));
  for (const [name, value] of Object.entries(values)) {
    if (process.env[name] === undefined) process.env[name] = value;
  }
}

function readEnvFile(file: string): Record<string, string> {
  const absolute = path.resolve(file);
  let text: string;
  try {
    text = fs.readFileSync(absolute, 'utf8');
  } catch (error) {
    const why = (error as { code?: string }).code === 'ENOENT' ? 'does not exist' : `cannot be read (${(error as Error).message})`;
    throw new UserError(`The env file ${absolute} ${why}. Relative paths are resolved from ${process.cwd()} (on the command line) or from the config file's folder.`);
  }
  return parseEnv(text) as Record<string, string>;
}
