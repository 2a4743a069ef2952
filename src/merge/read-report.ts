import * as path from 'node:path';
import { UserError } from '../errors';
import { REPORT_VERSION, type RunReport } from '../report/model';
import { parseCondition } from '../report/threshold-condition';
import { readJsonFile } from '../read-json-file';

export interface ReportFile {
  file: string;
  report: RunReport;
}

/** Reads a JSON report written by --format json, checking what merging relies on. */
export function readReport(file: string): ReportFile {
  const absolute = path.resolve(file);
  const parsed = readJsonFile(absolute, 'report file', 'merge-reports reads the reports written by --format json:FILE.');
  const problem = shapeProblem(parsed);
  if (problem) {
    throw new UserError(`The report file ${absolute} is not a validate-records JSON report: ${problem}. merge-reports reads the reports written by --format json:FILE.`);
  }
  return { file: absolute, report: parsed as RunReport };
}

function shapeProblem(parsed: unknown): string | undefined {
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return 'it is not a JSON object';
  const report = parsed as Partial<RunReport>;
  if (report.version !== REPORT_VERSION) return `"version" is ${JSON.stringify(report.version)}, expected ${REPORT_VERSION}`;
  if (!report.summary || typeof report.summary !== 'object') return 'it has no "summary"';
  if (!Array.isArray(report.tables)) return 'it has no "tables" list';
  for (const table of report.tables) {
    if (!table || typeof table.table !== 'string' || typeof table.entity !== 'string') return 'a table has no "entity" or "table" name';
    const counts = ['rows', 'invalidRows', 'durationMs'].find((name) => typeof (table as unknown as Record<string, unknown>)[name] !== 'number');
    if (counts) return `"${counts}" of table "${table.table}" is not a number`;
    const lists = ['violations', 'samples'].find((name) => !Array.isArray((table as unknown as Record<string, unknown>)[name]));
    if (lists) return `"${lists}" of table "${table.table}" is not a list`;
    if (table.violations.some((v) => !v || typeof v.property !== 'string' || typeof v.constraint !== 'string' || typeof v.count !== 'number')) {
      return `the "violations" of table "${table.table}" are not { property, constraint, count, message }`;
    }
    const conditions = table.thresholds ? [table.thresholds.errorIf, table.thresholds.warnIf] : [];
    if (conditions.some((c) => c !== null && (typeof c !== 'string' || !parseCondition(c)))) {
      return `the thresholds of table "${table.table}" are not conditions such as "> 0"`;
    }
    if (table.parts !== undefined && (!Array.isArray(table.parts) || table.parts.some((p) => !Number.isInteger(p?.part) || !Number.isInteger(p?.of)))) {
      return `the "parts" of table "${table.table}" are not pieces with "part" and "of" numbers`;
    }
  }
  const shard = report.shard;
  if (shard !== undefined && (!Number.isInteger(shard.index) || !Number.isInteger(shard.count) || typeof shard.plan !== 'string' ||
    !Array.isArray(shard.tables) || !Number.isInteger(shard.maxSamples))) {
    return '"shard" is not { index, count, plan, tables, maxSamples }';
  }
  return undefined;
}
