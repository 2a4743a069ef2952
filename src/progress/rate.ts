import { number } from '../report/wording';

/** Rows per second over the last few seconds, and the time left at that pace. */
export class RateMeter {
  private readonly points: Array<[time: number, rows: number]> = [];

  constructor(private readonly windowMs = 5_000) {}

  record(rows: number, now = Date.now()): void {
    this.points.push([now, rows]);
    while (this.points.length > 2 && now - this.points[0][0] > this.windowMs) this.points.shift();
  }

  rowsPerSecond(): number {
    if (this.points.length < 2) return 0;
    const [t0, r0] = this.points[0];
    const [t1, r1] = this.points[this.points.length - 1];
    return t1 > t0 ? ((r1 - r0) * 1000) / (t1 - t0) : 0;
  }

  secondsLeft(done: number, total: number): number | undefined {
    const rate = this.rowsPerSecond();
    return rate > 0 ? Math.max(0, (total - done) / rate) : undefined;
  }
}

export const formatCount = (n: number) => number(Math.round(n));

export function formatDuration(seconds: number | undefined): string {
  if (seconds === undefined) return '?';
  if (seconds < 60) return `${Math.ceil(seconds)}s`;
  return `${Math.floor(seconds / 60)}m${String(Math.ceil(seconds % 60)).padStart(2, '0')}s`;
}
