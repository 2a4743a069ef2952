import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from './run-cli';

/**
 * A package version this repository does not install (an old class-validator, say), installed
 * once from the npm registry into a cache folder under the system temp dir and reused by later
 * runs. Returns the folder of the installed package.
 */
export function installedPackage(name: string, version: string): string {
  const prefix = path.join(os.tmpdir(), 'validate-records-packages', `${name}@${version}`);
  const installed = path.join(prefix, 'node_modules', name);
  if (fs.existsSync(path.join(installed, 'package.json')) && fs.existsSync(path.join(prefix, 'complete'))) return installed;
  fs.mkdirSync(prefix, { recursive: true });
  execFileSync('npm', ['install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--ignore-scripts', '--prefix', prefix, `${name}@${version}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  fs.writeFileSync(path.join(prefix, 'complete'), '');
  return installed;
}

/**
 * Replaces a throwaway project's node_modules link by a folder of links to this repository's
 * packages, except the given ones, which link to other copies (see installedPackage).
 */
export function linkNodeModules(projectDir: string, overrides: Record<string, string>): void {
  const target = path.join(projectDir, 'node_modules');
  fs.rmSync(target, { force: true, recursive: false });
  fs.mkdirSync(target);
  const ours = path.join(ROOT, 'node_modules');
  for (const entry of fs.readdirSync(ours)) {
    if (entry in overrides || entry.startsWith('.')) continue;
    fs.symlinkSync(path.join(ours, entry), path.join(target, entry), 'dir');
  }
  for (const [name, dir] of Object.entries(overrides)) fs.symlinkSync(dir, path.join(target, name), 'dir');
}
