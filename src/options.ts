import type { BaselineOption } from './baseline/baseline-run';
import type { NamedRule } from './config/table-rules';
import type { CheckSelection } from './declarations/checks';
import type { Strategy } from './plan/piece';
import type { ShardSpec } from './plan/shard';
import type { OutputTarget } from './report/output-targets';
import type { ValidatorOptions } from './validation/validator-options';

export interface RunOptions {
  /** Absolute path of the module that exports the DataSource. */
  dataSource: string;
  /** The most worker processes to use (the pool decides how many pay off, see src/run/pool-size.ts). */
  procs: number;
  /** Use exactly `procs` forked workers, whatever the pool would decide. */
  exactProcs?: boolean;
  batchSize: number;
  maxSamples: number;
  showValues: boolean;
  /** Validate soft-deleted rows too (find() leaves them out). */
  withDeleted: boolean;
  only: string[];
  except: string[];
  validatorOptions: ValidatorOptions;
  strategy: Strategy;
  /** Rows per key range when big tables are split; automatic when unset. */
  pieceRows?: number;
  /** Severity and thresholds per table, from the config file. */
  tableRules: NamedRule[];
  baseline?: BaselineOption;
  /** --shard i/n: scan only this machine's part of the plan. */
  shard?: ShardSpec;
  /** --checks, the config's "checks" and its per-table "checks" (default: all). */
  checks?: CheckSelection;
  /** --env-file: absolute paths of env files loaded (manager and workers) before the data source module. */
  envFiles?: string[];
}

export interface CliOptions extends RunOptions {
  outputs: OutputTarget[];
  progress: boolean;
}

export const DEFAULTS = {
  batchSize: 1000,
  maxSamples: 10,
};
