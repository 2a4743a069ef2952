import * as path from 'node:path';
import { UserError } from '../errors';
import { FORMAT_NAMES, type FormatName } from './formatters';

/** Where one format goes: a file, or stdout when `file` is unset. */
export interface OutputTarget {
  format: FormatName;
  file?: string;
}

/**
 * Parses the repeatable --format flag: `name` (stdout) or `name:file`, as in
 * `--format text --format junit:reports/validate.xml`. At most one format goes to stdout;
 * without any flag the text report does.
 */
export function parseOutputTargets(values: string[]): OutputTarget[] {
  const targets = (values.length > 0 ? values : ['text']).map(parseTarget);
  const toStdout = targets.filter((t) => !t.file);
  if (toStdout.length > 1) {
    throw new UserError(`Only one --format can go to stdout, got ${toStdout.map((t) => t.format).join(' and ')}; give the others a file, such as --format ${toStdout[1].format}:path/to/file.`);
  }
  const files = targets.filter((t) => t.file).map((t) => path.resolve(t.file!));
  const twice = files.find((file, index) => files.indexOf(file) !== index);
  if (twice) throw new UserError(`Two --format flags write to the same file ${twice}.`);
  return targets;
}

function parseTarget(value: string): OutputTarget {
  const colon = value.indexOf(':');
  const name = colon < 0 ? value : value.slice(0, colon);
  const file = colon < 0 ? undefined : value.slice(colon + 1);
  if (!FORMAT_NAMES.includes(name as FormatName)) {
    throw new UserError(`--format must be one of ${FORMAT_NAMES.join(', ')}, optionally followed by :file (such as junit:reports/validate.xml); got ${JSON.stringify(value)}.`);
  }
  if (file !== undefined && file.trim() === '') {
    throw new UserError(`--format ${JSON.stringify(value)} names no file after the colon; write ${name}:path/to/file, or ${name} alone for stdout.`);
  }
  return file === undefined ? { format: name as FormatName } : { format: name as FormatName, file };
}
