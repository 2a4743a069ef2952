import { ROW_INDENT } from './row-framing';
import { SortableKey } from './sortable-key';

const MINUS = 45;
const DIGIT_0 = 48;
const DIGIT_9 = 57;
const COMMA = 44;

/**
 * The usual row line of a big baseline, `      {"key":{"<name>":<integer>},"failures":[...]}`
 * (and a comma), recognised from its bytes when it has the key name and the failures of
 * the row before it and a greater integer: it is then as canonical as that row, and in key
 * order after it. Checking those lines without decoding or parsing them is most of the
 * speed of the file check; any other line is checked the slow way, which then restarts
 * this one from it (restartAfter).
 */
export class IntegerRowLines {
  /** `      {"key":{"<name>":` and `},"failures":[...]}` of the reference row; no head when there is none. */
  private head: Buffer | undefined;
  private tail = Buffer.alloc(0);
  private nameText = '';
  private value = 0;

  /** After a row checked the slow way: its key and failures (canonical) are the next line's reference. */
  restartAfter(key: SortableKey, failuresText: string): void {
    if (key.value === undefined || key.name === undefined) {
      this.head = undefined;
      return;
    }
    this.head = Buffer.from(`${ROW_INDENT}{"key":{"${key.name}":`);
    this.tail = Buffer.from(`},"failures":${failuresText}}`);
    this.nameText = key.name;
    this.value = key.value;
  }

  /** The key of the last row recognised here (its canonical text is rebuilt: a name of word characters, a safe integer). */
  lastKey(): SortableKey | undefined {
    return this.head ? new SortableKey(`{"${this.nameText}":${this.value}}`) : undefined;
  }

  /** Whether buffer[start, end) is such a line; it then becomes the reference. */
  follows(buffer: Buffer, start: number, end: number): boolean {
    const { head, tail } = this;
    if (!head) return false;
    const close = buffer[end - 1] === COMMA ? end - 1 : end; // the row ends before
    let at = start + head.length;
    if (close - at < 1 + tail.length || !bytesAt(buffer, start, head)) return false;
    const negative = buffer[at] === MINUS;
    if (negative) at++;
    const digitsStart = at;
    let value = 0;
    for (; at < close && buffer[at] >= DIGIT_0 && buffer[at] <= DIGIT_9; at++) value = value * 10 + buffer[at] - DIGIT_0;
    const digits = at - digitsStart;
    if (digits < 1 || digits > 15 || (buffer[digitsStart] === DIGIT_0 && (digits > 1 || negative))) return false; // 007, -0
    if (negative) value = -value;
    if (value <= this.value || close - at !== tail.length || !bytesAt(buffer, at, tail)) return false;
    this.value = value;
    return true;
  }
}

/** Whether buffer holds `expected` at `at` (the caller checked the length). */
function bytesAt(buffer: Buffer, at: number, expected: Buffer): boolean {
  for (let i = 0; i < expected.length; i++) if (buffer[at + i] !== expected[i]) return false;
  return true;
}
