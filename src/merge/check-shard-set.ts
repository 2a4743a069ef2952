import { UserError } from '../errors';
import type { ShardInfo } from '../report/model';
import type { ReportFile } from './read-report';

/**
 * The reports must be the shards of one set, each once: same shard count, same plan
 * digest (same database contents and settings), every index from 1 to n. A report made
 * without --shard can only be passed alone. Returns the set's shard info (undefined for a
 * lone unsharded report).
 */
export function checkShardSet(files: ReportFile[]): ShardInfo | undefined {
  const unsharded = files.filter((f) => !f.report.shard);
  if (unsharded.length > 0) {
    if (files.length === 1) return undefined;
    throw new UserError(`The report ${unsharded[0].file} was made without --shard, so there is nothing to merge it with; merge-reports combines the reports of runs with --shard 1/n ... n/n (a report made without --shard is only accepted alone, to write it in other formats).`);
  }
  const [first, ...others] = files;
  const set = first.report.shard!;
  for (const other of others) {
    const shard = other.report.shard!;
    if (shard.count !== set.count) {
      throw new UserError(`The report ${other.file} is shard ${shard.index}/${shard.count} but ${first.file} is shard ${set.index}/${set.count}: they belong to different shard sets.`);
    }
    if (shard.plan !== set.plan) {
      throw new UserError(`The reports ${first.file} and ${other.file} come from different databases or settings (plan ${set.plan} vs ${shard.plan}): every shard of a set must scan the same database contents with the same --shard count, --piece-rows, --only/--except, --max-samples, --show-values, validator options, table rules and baseline.`);
    }
  }
  const byIndex = new Map<number, string>();
  for (const { file, report } of files) {
    const index = report.shard!.index;
    if (byIndex.has(index)) throw new UserError(`The reports ${byIndex.get(index)} and ${file} are both shard ${index}/${set.count}.`);
    byIndex.set(index, file);
  }
  const missing = Array.from({ length: set.count }, (_, i) => i + 1).filter((index) => !byIndex.has(index));
  if (missing.length > 0) {
    throw new UserError(`Shard ${missing.map((i) => `${i}/${set.count}`).join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing: merge-reports needs the JSON report of every shard of the set (got ${[...byIndex.keys()].sort((a, b) => a - b).map((i) => `${i}/${set.count}`).join(', ')}).`);
  }
  return set;
}
