import * as cliProgress from 'cli-progress';
import type { TableDescription } from '../inventory/table-description';
import type { RunObserver } from '../run/run-observer';
import { RateMeter, formatCount, formatDuration } from './rate';
import { scannableRows } from './scannable-rows';

/** On a terminal: an overall bar (rows, rate, ETA) and one line per worker with its piece. */
export class TerminalProgress implements RunObserver {
  private readonly bars: cliProgress.MultiBar;
  private overall: cliProgress.SingleBar | undefined;
  private readonly workers = new Map<number, { bar: cliProgress.SingleBar; done: number }>();
  private readonly meter = new RateMeter();
  private total = 0;
  private done = 0;

  constructor(stream: NodeJS.WriteStream = process.stderr) {
    this.bars = new cliProgress.MultiBar({
      stream,
      format: '{name} {bar} {percentage}% | {what}',
      barsize: 24,
      hideCursor: true,
      clearOnComplete: true,
      stopOnComplete: false,
      fps: 8,
      autopadding: true,
    }, cliProgress.Presets.shades_classic);
  }

  planned(tables: TableDescription[]): void {
    this.total = scannableRows(tables);
    this.meter.record(0);
    this.overall = this.bars.create(Math.max(1, this.total), 0, { name: 'all     ', what: this.overallText() });
  }

  pieceStarted(worker: number, label: string, estimatedRows: number): void {
    const payload = { name: `worker ${worker}`.padEnd(8), what: label };
    const known = this.workers.get(worker);
    if (known) {
      known.done = 0;
      known.bar.setTotal(Math.max(1, estimatedRows));
      known.bar.update(0, payload);
    } else {
      this.workers.set(worker, { bar: this.bars.create(Math.max(1, estimatedRows), 0, payload), done: 0 });
    }
  }

  rowsDone(worker: number, rows: number): void {
    this.done += rows;
    this.meter.record(this.done);
    const line = this.workers.get(worker);
    if (line) {
      line.done += rows;
      line.bar.update(Math.min(line.done, line.bar.getTotal()));
    }
    this.overall?.update(Math.min(this.done, this.total), { what: this.overallText() });
  }

  finished(): void {
    this.bars.stop();
  }

  private overallText(): string {
    return `${formatCount(this.done)}/${formatCount(this.total)} rows, ${formatCount(this.meter.rowsPerSecond())} rows/s, ` +
      `ETA ${formatDuration(this.meter.secondsLeft(this.done, this.total))}`;
  }
}
