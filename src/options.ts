import type { Strategy } from './plan/piece';
import type { FormatName } from './report/formatters';
import type { ValidatorOptions } from './validation/row-validator';

export interface RunOptions {
  /** Absolute path of the module that exports the DataSource. */
  dataSource: string;
  procs: number;
  batchSize: number;
  maxSamples: number;
  showValues: boolean;
  only: string[];
  except: string[];
  validatorOptions: ValidatorOptions;
  strategy: Strategy;
  /** Rows per key range when big tables are split; automatic when unset. */
  pieceRows?: number;
}

export interface CliOptions extends RunOptions {
  format: FormatName;
  progress: boolean;
}

export const DEFAULTS = {
  batchSize: 1000,
  maxSamples: 10,
};
