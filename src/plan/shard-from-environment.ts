import { UserError } from '../errors';
import { parseShard, type ShardSpec } from './shard';

/** Where CI systems that run a job N times in parallel tell each copy which one it is. */
const CI_SHARD_VARIABLES = [
  { ci: 'GitLab CI (parallel:)', index: 'CI_NODE_INDEX', total: 'CI_NODE_TOTAL', firstIndex: 1 },
  { ci: 'CircleCI (parallelism:)', index: 'CIRCLE_NODE_INDEX', total: 'CIRCLE_NODE_TOTAL', firstIndex: 0 },
  { ci: 'Buildkite (parallelism:)', index: 'BUILDKITE_PARALLEL_JOB', total: 'BUILDKITE_PARALLEL_JOB_COUNT', firstIndex: 0 },
] as const;

/** A Kubernetes Indexed Job's pod index (0-based); the job's `completions` is given as --shard auto/N. */
const KUBERNETES_INDEX = 'JOB_COMPLETION_INDEX';

/**
 * --shard i/n as given, or `auto` / `auto/n`: this machine's shard read from the CI's
 * environment (GitLab, CircleCI, Buildkite; a Kubernetes Indexed Job with the total given).
 */
export function shardFromOption(text: string, env: NodeJS.ProcessEnv = process.env): ShardSpec {
  const auto = /^\s*auto\s*(?:\/\s*(\S+)\s*)?$/.exec(text);
  if (!auto) return parseShard(text);
  const given = auto[1] === undefined ? undefined : wholeNumber(auto[1], `the total of --shard ${text.trim()}`, 1);
  for (const source of CI_SHARD_VARIABLES) {
    if (env[source.index] === undefined || env[source.index] === '') continue;
    const total = wholeNumber(env[source.total], source.total, 1, source.ci);
    const index = wholeNumber(env[source.index], source.index, source.firstIndex, source.ci) - source.firstIndex + 1;
    if (given !== undefined && given !== total) {
      throw new UserError(`--shard ${text.trim()} gives ${given} shards, but ${source.ci} runs ${total} (${source.total}=${total}). Use --shard auto.`);
    }
    return checked({ index, count: total }, `${source.index}=${env[source.index]} of ${source.total}=${total} (${source.ci}, ${source.firstIndex}-based)`);
  }
  const podIndex = env[KUBERNETES_INDEX];
  if (podIndex !== undefined && podIndex !== '') {
    if (given === undefined) {
      throw new UserError(`--shard auto found ${KUBERNETES_INDEX}=${podIndex} (a Kubernetes Indexed Job) but no total: give the job's completions, such as --shard auto/4.`);
    }
    return checked({ index: wholeNumber(podIndex, KUBERNETES_INDEX, 0, 'Kubernetes') + 1, count: given }, `${KUBERNETES_INDEX}=${podIndex} of --shard auto/${given} (Kubernetes, 0-based)`);
  }
  throw new UserError('--shard auto found no CI shard variables: none of CI_NODE_INDEX/CI_NODE_TOTAL (GitLab), ' +
    'CIRCLE_NODE_INDEX/CIRCLE_NODE_TOTAL (CircleCI), BUILDKITE_PARALLEL_JOB/BUILDKITE_PARALLEL_JOB_COUNT (Buildkite) ' +
    `or ${KUBERNETES_INDEX} (a Kubernetes Indexed Job, with --shard auto/N) is set. Give the shard as --shard i/n instead.`);
}

function wholeNumber(value: string | undefined, name: string, min: number, ci?: string): number {
  const parsed = value === undefined || value.trim() === '' ? NaN : Number(value);
  if (!Number.isInteger(parsed) || parsed < min) {
    throw new UserError(`--shard auto: ${name}${ci ? ` (${ci})` : ''} must be a whole number of at least ${min}; got ${value === undefined ? 'nothing' : JSON.stringify(value)}.`);
  }
  return parsed;
}

function checked(shard: ShardSpec, source: string): ShardSpec {
  if (shard.index > shard.count) {
    throw new UserError(`--shard auto: ${source} is shard ${shard.index} of ${shard.count}, past the last one.`);
  }
  return shard;
}
