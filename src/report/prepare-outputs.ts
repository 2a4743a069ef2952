import * as fs from 'node:fs';
import * as path from 'node:path';
import { UserError } from '../errors';
import type { OutputTarget } from './output-targets';

/**
 * Checks, before any work, that every report file can be written: its folder is created
 * (one level at a time: Node's recursive mkdir loops forever under /proc) and must be
 * writable, and the file itself must not be a folder or read-only. A bad target is then a
 * usage error at once instead of a lost report after the scan.
 */
export function prepareOutputs(targets: OutputTarget[], env: NodeJS.ProcessEnv = process.env): void {
  for (const target of targets) {
    if (target.file) prepareFile(target.file, `--format ${target.format} report`);
  }
  if (env.GITHUB_STEP_SUMMARY && targets.some((t) => t.format === 'github')) {
    prepareFile(env.GITHUB_STEP_SUMMARY, 'job summary ($GITHUB_STEP_SUMMARY)');
  }
}

/** Creates the folders of `file` that are missing; throws a UserError naming `what`. */
export function makeFolderOf(file: string, what: string): void {
  const absolute = path.resolve(file);
  const missing: string[] = [];
  let folder = path.dirname(absolute);
  for (;;) {
    const stat = statOrNull(folder);
    if (stat) {
      if (!stat.isDirectory()) throw new UserError(`The ${what} file ${absolute} cannot be written: ${folder} is not a folder.`);
      break;
    }
    missing.unshift(folder);
    const parent = path.dirname(folder);
    if (parent === folder) break;
    folder = parent;
  }
  for (const dir of missing) {
    try {
      fs.mkdirSync(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' && statOrNull(dir)?.isDirectory()) continue;
      throw new UserError(`The ${what} file ${absolute} cannot be written: its folder ${dir} could not be created (${(error as Error).message}).`);
    }
  }
}

function prepareFile(file: string, what: string): void {
  const absolute = path.resolve(file);
  makeFolderOf(absolute, what);
  const stat = statOrNull(absolute);
  if (stat?.isDirectory()) {
    throw new UserError(`The ${what} file ${absolute} is a folder; name a file inside it, such as ${path.join(absolute, 'report.out')}.`);
  }
  try {
    fs.accessSync(stat ? absolute : path.dirname(absolute), fs.constants.W_OK);
  } catch (error) {
    throw new UserError(`The ${what} file ${absolute} cannot be written: ${(error as Error).message}.`);
  }
}

function statOrNull(file: string): fs.Stats | null {
  try {
    return fs.statSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    if (code === 'ENOTDIR') throw new UserError(`${file} cannot be a folder: a part of its path is a file.`);
    throw error;
  }
}
