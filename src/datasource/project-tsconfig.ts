import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as TypeScript from 'typescript';
import { contentKey, readCached, writeCached } from './transpile-cache';

/** A project's tsconfig.json as TypeScript parses it (extends followed), and what it was read from. */
export interface ProjectTsconfig {
  /** Absolute path, or '' when no tsconfig.json governs the file. */
  file: string;
  /** Changes whenever the tsconfig or a file it extends changes: part of every transpile cache key. */
  digest: string;
  /** Compiler options as TypeScript parsed them (baseUrl absolute, paths as written). */
  options: TypeScript.CompilerOptions;
}

interface CachedTsconfig {
  /** Every file read (the tsconfig and what it extends), with the hash of its text. */
  sources: Record<string, string>;
  options: TypeScript.CompilerOptions;
}

const NO_TSCONFIG: ProjectTsconfig = { file: '', digest: 'none', options: {} };
const configByDirectory = new Map<string, string>();
const parsedByFile = new Map<string, ProjectTsconfig>();

let typescript: typeof TypeScript | undefined;

/** TypeScript itself, loaded only when something is not in the cache. */
export function loadTypeScript(): typeof TypeScript {
  typescript ??= require('typescript') as typeof TypeScript;
  return typescript;
}

/** The tsconfig.json that governs a file: the nearest one up its folders, as tsc finds it. */
export function tsconfigFor(file: string): ProjectTsconfig {
  const configFile = findTsconfig(path.dirname(file));
  if (!configFile) return NO_TSCONFIG;
  let parsed = parsedByFile.get(configFile);
  if (!parsed) {
    parsed = readTsconfig(configFile);
    parsedByFile.set(configFile, parsed);
  }
  return parsed;
}

function findTsconfig(directory: string): string {
  const known = configByDirectory.get(directory);
  if (known !== undefined) return known;
  const candidate = path.join(directory, 'tsconfig.json');
  let found = '';
  if (fs.existsSync(candidate)) found = candidate;
  else if (path.dirname(directory) !== directory && path.basename(directory) !== 'node_modules') {
    found = findTsconfig(path.dirname(directory));
  }
  configByDirectory.set(directory, found);
  return found;
}

function readTsconfig(configFile: string): ProjectTsconfig {
  const text = fs.readFileSync(configFile, 'utf8');
  const cacheName = `tsconfig-${contentKey(configFile, text)}.json`;
  const cached = parseCached(readCached(cacheName));
  if (cached && stillCurrent(cached.sources)) {
    return { file: configFile, digest: digestOf(cached.sources), options: cached.options };
  }
  const ts = loadTypeScript();
  const extended = new Map<string, TypeScript.ExtendedConfigCacheEntry>();
  const parsed = ts.getParsedCommandLineOfConfigFile(configFile, {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: () => undefined,
  }, extended);
  const options = parsed?.options ?? {};
  const sources: Record<string, string> = { [configFile]: contentKey(text) };
  for (const extendedFile of extended.keys()) {
    const absolute = path.resolve(extendedFile);
    if (absolute !== configFile) sources[absolute] = hashOfFile(absolute);
  }
  writeCached(cacheName, JSON.stringify({ sources, options } satisfies CachedTsconfig));
  return { file: configFile, digest: digestOf(sources), options };
}

function parseCached(text: string | undefined): CachedTsconfig | undefined {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as CachedTsconfig;
  } catch {
    return undefined;
  }
}

function stillCurrent(sources: Record<string, string>): boolean {
  return Object.entries(sources).every(([file, hash]) => hashOfFile(file) === hash);
}

function hashOfFile(file: string): string {
  try {
    return contentKey(fs.readFileSync(file, 'utf8'));
  } catch {
    return 'missing';
  }
}

function digestOf(sources: Record<string, string>): string {
  return contentKey(...Object.entries(sources).sort().flat());
}
