import type { TableDescription } from '../inventory/table-description';
import type { RunObserver } from '../run/run-observer';
import { RateMeter, formatCount, formatDuration } from './rate';
import { scannableRows } from './scannable-rows';
import { plural } from '../report/wording';

/** Not a terminal (CI logs, pipes): a plain line on stderr every few seconds. */
export class PlainProgress implements RunObserver {
  private total = 0;
  private done = 0;
  private readonly meter = new RateMeter();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly stream: NodeJS.WritableStream = process.stderr, private readonly everyMs = 5_000) {}

  planned(tables: TableDescription[], workers: number): void {
    this.total = scannableRows(tables);
    this.stream.write(`validate-records: ${plural(tables.length, 'table')}, ${plural(this.total, 'row')} to validate, ` +
      `${workers} ${workers === 1 ? 'process' : 'worker processes'}\n`);
    this.meter.record(0);
    this.timer = setInterval(() => this.line(), this.everyMs);
    this.timer.unref();
  }

  rowsDone(_worker: number, rows: number): void {
    this.done += rows;
    this.meter.record(this.done);
  }

  finished(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private line(): void {
    const percent = this.total > 0 ? Math.floor((100 * this.done) / this.total) : 100;
    this.stream.write(`validate-records: ${formatCount(this.done)}/${formatCount(this.total)} rows (${percent}%), ` +
      `${formatCount(this.meter.rowsPerSecond())} rows/s, ETA ${formatDuration(this.meter.secondsLeft(this.done, this.total))}\n`);
  }
}
