import { ROW_INDENT } from './row-framing';
import { SortableKey } from './sortable-key';

const MINUS = 45;
const DIGIT_0 = 48;
const DIGIT_9 = 57;
const COMMA = 44;
/** `{"<name>":"<integer>"}` with a name SortableKey would take and an integer of at most 15 digits (exact as a number). */
const QUOTED_INTEGER_KEY = /^\{"([A-Za-z0-9_$]+)":"(-?[1-9][0-9]{0,14}|0)"\}$/;

/**
 * The usual row line of a big baseline, `      {"key":{"<name>":<integer>},"failures":[...]}`
 * (and a comma; the integer may be quoted, as drivers give bigint columns), recognised from
 * its bytes when it has the key name, quotes and failures of the row before it and a greater
 * integer: it is then as canonical as that row, and in key order after it. Checking those
 * lines without decoding or parsing them is most of the speed of the file check; any other
 * line is checked the slow way, which then restarts this one from it (restartAfter).
 */
export class IntegerRowLines {
  /** `      {"key":{"<name>":` and `},"failures":[...]}` of the reference row (with the quotes of a quoted integer); no head when there is none. */
  private head: Buffer | undefined;
  private tail = Buffer.alloc(0);
  private nameText = '';
  private quote = '';
  private value = 0;

  /** After a row checked the slow way: its key and failures (canonical) are the next line's reference. */
  restartAfter(key: SortableKey, failuresText: string): void {
    const quoted = key.value === undefined ? QUOTED_INTEGER_KEY.exec(key.text) : null;
    if (key.name === undefined && !quoted) {
      this.head = undefined;
      return;
    }
    this.nameText = key.name ?? quoted![1];
    this.quote = quoted ? '"' : '';
    this.value = key.value ?? Number(quoted![2]);
    this.head = Buffer.from(`${ROW_INDENT}{"key":{"${this.nameText}":${this.quote}`);
    this.tail = Buffer.from(`${this.quote}},"failures":${failuresText}}`);
  }

  /** The key of the last row recognised here (its canonical text is rebuilt: a name of word characters, a safe integer). */
  lastKey(): SortableKey | undefined {
    return this.head ? new SortableKey(`{"${this.nameText}":${this.quote}${this.value}${this.quote}}`) : undefined;
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
