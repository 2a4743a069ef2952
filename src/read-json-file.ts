import * as fs from 'node:fs';
import { UserError } from './errors';

/**
 * Reads and parses a JSON file the user gave (a config, a baseline, a report), failing with
 * one sentence that names it: "The <what> <file> does not exist / could not be read / is
 * not valid JSON (...)", followed by `hint`, what to do about it.
 */
export function readJsonFile(absolute: string, what: string, hint = ''): unknown {
  const tail = hint ? ` ${hint}` : '';
  let text: string;
  try {
    text = fs.readFileSync(absolute, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UserError(`The ${what} ${absolute} does not exist.${tail}`);
    throw new UserError(`The ${what} ${absolute} could not be read (${(error as Error).message}).${tail}`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')); // a byte order mark, as some Windows editors write
  } catch (error) {
    throw new UserError(`The ${what} ${absolute} could not be read as JSON: it is not valid JSON (${(error as Error).message}).${tail}`);
  }
}
