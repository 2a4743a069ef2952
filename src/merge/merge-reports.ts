import { UserError } from '../errors';
import { gateTable } from '../report/gate-table';
import type { RunReport, TableReport } from '../report/model';
import { buildRunReport } from '../report/run-report';
import { number, plural } from '../report/wording';
import { assembleTable } from '../report/assemble-table';
import type { PieceResult } from '../report/piece-result';
import { checkShardSet } from './check-shard-set';
import { readReport, type ReportFile } from './read-report';

/**
 * One report from the JSON reports of the shards of a run: tables rebuilt from their
 * pieces exactly as a single run merges them (counts, first messages, samples in key
 * order), then judged again on the full counts (thresholds, baseline).
 */
export function mergeReports(files: string[]): RunReport {
  const reports = files.map(readReport);
  const set = checkShardSet(reports);
  if (!set) return reports[0].report;
  const cancelled = reports.some((r) => r.report.status === 'cancelled');
  const tables = set.tables.map((name) => mergeTable(name, reports, set.maxSamples, cancelled));
  return buildRunReport(tables, {
    durationMs: Math.max(...reports.map((r) => r.report.summary.durationMs)),
    pool: {
      procs: reports.reduce((n, r) => n + r.report.summary.procs, 0),
      requested: reports.reduce((n, r) => n + (r.report.summary.procsRequested ?? r.report.summary.procs), 0),
      reason: `${plural(reports.length, 'shard')}: ${reports.map((r) => r.report.summary.procs).join(' + ')} processes`,
    },
    cancelled,
    baseline: reports[0].report.baseline?.file,
    fallbackClasses: reports.flatMap((r) => r.report.validation?.fallbackClasses ?? []),
  });
}

function mergeTable(name: string, reports: ReportFile[], maxSamples: number, cancelled: boolean): TableReport {
  const entries = reports.flatMap(({ file, report }) => report.tables.filter((t) => t.table === name).map((table) => ({ file, table })));
  if (entries.length === 0) {
    throw new UserError(`No report holds table "${name}", which the shard set lists (${reports.map((r) => r.file).join(', ')}): were these reports edited?`);
  }
  const first = entries[0].table;
  if (!first.parts) return first; // not scanned (no validators, or could not be read): every shard agrees
  const results = new Map<number, PieceResult>();
  for (const { file, table } of entries) {
    for (const part of table.parts ?? []) {
      if (results.has(part.part) || part.of !== first.parts[0].of) {
        throw new UserError(`Piece ${part.part + 1}/${part.of} of table "${name}" in ${file} overlaps or disagrees with another shard's: were these reports edited?`);
      }
      results.set(part.part, {
        table: name,
        part: part.part,
        parts: part.of,
        report: part.report ?? undefined,
        complete: part.complete,
        error: part.error ?? undefined,
      });
    }
  }
  const expected = first.parts[0]?.of ?? 0;
  if (results.size !== expected) {
    throw new UserError(`Table "${name}" has ${plural(expected, 'piece')} but the reports hold ${number(results.size)} of them: were these reports edited?`);
  }
  const pieces = [...results.values()].sort((a, b) => a.part - b.part);
  const assembled = assembleTable({ entity: first.entity, table: name }, pieces, maxSamples, cancelled);
  return gateTable(assembled, { thresholds: first.thresholds, baselineRows: first.baselineRows, whole: true });
}
