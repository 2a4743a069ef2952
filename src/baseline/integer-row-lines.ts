import { ROW_INDENT } from './row-framing';
import { SortableKey } from './sortable-key';

const PREFIX = Buffer.from(`${ROW_INDENT}{"key":{"`);
const AFTER_KEY = Buffer.from('},"failures":');
const QUOTE = 34;
const COLON = 58;
const MINUS = 45;
const DIGIT_0 = 48;
const DIGIT_9 = 57;
const COMMA = 44;
const CLOSE_BRACE = 125;

/**
 * The usual row line of a big baseline, `      {"key":{"<name>":<integer>},"failures":[...]}`
 * (and a comma), recognised from its bytes when it has the key name and the failures of
 * the row before it and a greater integer: it is then as canonical as that row, and in key
 * order after it. Checking those lines without decoding or parsing them is most of the
 * speed of the file check; any other line is checked the slow way, which then restarts
 * this one from it (restartAfter).
 */
export class IntegerRowLines {
  private name: Buffer | undefined;
  private nameText = '';
  private value = 0;
  private failures = Buffer.alloc(0);

  /** After a row checked the slow way: its key and failures (canonical) are the next line's reference. */
  restartAfter(key: SortableKey, failuresText: string): void {
    if (key.value === undefined || key.name === undefined) {
      this.name = undefined;
      return;
    }
    this.name = Buffer.from(key.name);
    this.nameText = key.name;
    this.value = key.value;
    this.failures = Buffer.from(failuresText);
  }

  /** The key of the last row recognised here (its canonical text is rebuilt: a name of word characters, a safe integer). */
  lastKey(): SortableKey | undefined {
    return this.name ? new SortableKey(`{"${this.nameText}":${this.value}}`) : undefined;
  }

  /** Whether buffer[start, end) is such a line; it then becomes the reference. */
  follows(buffer: Buffer, start: number, end: number): boolean {
    const name = this.name;
    if (!name || end - start < PREFIX.length + name.length + 3 + AFTER_KEY.length + this.failures.length + 1) return false;
    let at = start;
    if (!bytesAt(buffer, at, PREFIX)) return false;
    at += PREFIX.length;
    if (!bytesAt(buffer, at, name) || buffer[at + name.length] !== QUOTE || buffer[at + name.length + 1] !== COLON) return false;
    at += name.length + 2;
    const negative = buffer[at] === MINUS;
    if (negative) at++;
    const digitsStart = at;
    let value = 0;
    for (; at < end && buffer[at] >= DIGIT_0 && buffer[at] <= DIGIT_9; at++) value = value * 10 + buffer[at] - DIGIT_0;
    const digits = at - digitsStart;
    if (digits < 1 || digits > 15 || (buffer[digitsStart] === DIGIT_0 && (digits > 1 || negative))) return false; // 007, -0
    if (negative) value = -value;
    if (value <= this.value || end - at < AFTER_KEY.length || !bytesAt(buffer, at, AFTER_KEY)) return false;
    at += AFTER_KEY.length;
    const close = buffer[end - 1] === COMMA ? end - 2 : end - 1;
    if (buffer[close] !== CLOSE_BRACE || close - at !== this.failures.length || !bytesAt(buffer, at, this.failures)) return false;
    this.value = value;
    return true;
  }
}

/** Whether buffer holds `expected` at `at` (the caller checked the length). */
function bytesAt(buffer: Buffer, at: number, expected: Buffer): boolean {
  for (let i = 0; i < expected.length; i++) if (buffer[at + i] !== expected[i]) return false;
  return true;
}
