import * as fs from 'node:fs';
import * as path from 'node:path';
import { UserError } from '../errors';
import type { RowFailures } from '../report/model';
import { compareText } from '../compare-text';
import { compareKeys } from './row-key';
import { readJsonFile } from '../read-json-file';
import { ROW_INDENT } from './row-framing';

export const BASELINE_VERSION = 1;

/** The invalid rows accepted as known, per entity name. */
export type Baseline = Map<string, RowFailures[]>;

const createHint = (file: string) => `Create it with --baseline ${file} --update-baseline.`;

/**
 * Reads a baseline file; a missing file is an error unless `missingIsEmpty` (when the run
 * is about to create it).
 */
export function readBaseline(file: string, missingIsEmpty = false): Baseline {
  const absolute = path.resolve(file);
  if (!fs.existsSync(absolute)) {
    if (missingIsEmpty) return new Map();
    throw new UserError(`The baseline file ${absolute} does not exist. ${createHint(file)}`);
  }
  const parsed = readJsonFile(absolute, 'baseline file', 'Fix it, or delete it and run with --update-baseline again.');
  const problem = shapeProblem(parsed);
  if (problem) throw notABaseline(file, problem);
  const entities = (parsed as { entities: Record<string, RowFailures[]> }).entities;
  return new Map(Object.entries(entities));
}

/** The error for a file that is JSON but not a baseline; `problem` says where. */
export function notABaseline(file: string, problem: string): UserError {
  return new UserError(`The baseline file ${path.resolve(file)} is not a validate-records baseline: ${problem}. ${createHint(file)}`);
}

/** `index` counts from 1. */
export function badRowProblem(index: number, entity: string): string {
  return `row ${index} of "${entity}" is not { "key": {...}, "failures": ["property:constraint", ...] }`;
}

function shapeProblem(parsed: unknown): string | undefined {
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return 'it is not a JSON object';
  const { version, entities } = parsed as Record<string, unknown>;
  if (version !== BASELINE_VERSION) return `"version" is ${JSON.stringify(version)}, expected ${BASELINE_VERSION}`;
  if (!entities || typeof entities !== 'object' || Array.isArray(entities)) return '"entities" is not an object of entity name -> rows';
  for (const [entity, rows] of Object.entries(entities)) {
    if (!Array.isArray(rows)) return `"entities"."${entity}" is not a list of rows`;
    const bad = rows.findIndex((row) => !isRowFailures(row));
    if (bad >= 0) return badRowProblem(bad + 1, entity);
  }
  return undefined;
}

export function isRowFailures(row: unknown): row is RowFailures {
  if (!row || typeof row !== 'object') return false;
  const { key, failures } = row as Record<string, unknown>;
  return !!key && typeof key === 'object' && !Array.isArray(key) &&
    Array.isArray(failures) && failures.every((f) => typeof f === 'string');
}

/**
 * Pretty JSON made for git: entities sorted by name, rows sorted by key, one row per
 * line, so that a diff shows exactly the rows that appeared or were fixed.
 */
export function serializeBaseline(baseline: Baseline): string {
  const entities = [...baseline.keys()].filter((entity) => baseline.get(entity)!.length > 0).sort(compareText);
  const blocks = entities.map((entity) => {
    const rows = [...baseline.get(entity)!].sort((a, b) => compareKeys(a.key, b.key));
    const lines = rows.map((row) => `${ROW_INDENT}${rowLine(row)}`);
    return `    ${JSON.stringify(entity)}: [\n${lines.join(',\n')}\n    ]`;
  });
  const body = blocks.length > 0 ? `{\n${blocks.join(',\n')}\n  }` : '{}';
  return `{\n  "version": ${BASELINE_VERSION},\n  "entities": ${body}\n}\n`;
}

/** A row as the baseline file writes it (without indent or comma); also a spill file's line. */
export function rowLine(row: RowFailures): string {
  return JSON.stringify({ key: row.key, failures: [...row.failures].sort(compareText) });
}
