import { UserError } from '../errors';
import { orderLargestFirst } from './build-pieces';
import type { Piece } from './piece';

/** This machine's part of a run split across CI machines: shard `index` (1-based) of `count`. */
export interface ShardSpec {
  index: number;
  count: number;
}

export function parseShard(text: string): ShardSpec {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = match ? Number(match[1]) : NaN;
  const count = match ? Number(match[2]) : NaN;
  if (!match || count < 1 || index < 1 || index > count) {
    throw new UserError(`--shard must be i/n with 1 <= i <= n, such as --shard 2/4 for the second of four machines; got ${JSON.stringify(text)}.`);
  }
  return { index, count };
}

/**
 * Greedy largest-first bin packing: each piece, largest first, goes to the shard with the
 * fewest estimated rows so far (then the fewest pieces, then the lowest number). Pure and
 * deterministic: every machine computes the same assignment from the same pieces.
 * Returns the 0-based shard of each piece id.
 */
export function assignShards(pieces: Piece[], count: number): Map<number, number> {
  const load = new Array<number>(count).fill(0);
  const held = new Array<number>(count).fill(0);
  const shardOf = new Map<number, number>();
  for (const piece of orderLargestFirst(pieces)) {
    let best = 0;
    for (let shard = 1; shard < count; shard++) {
      if (load[shard] < load[best] || (load[shard] === load[best] && held[shard] < held[best])) best = shard;
    }
    shardOf.set(piece.id, best);
    load[best] += piece.estimatedRows;
    held[best]++;
  }
  return shardOf;
}
