let generatedCount = 0;

/**
 * Source of one generated function (hydration and validation plans compile one per class)
 * and the values its code refers to: each is passed in as a constant c0, c1, ... rather than
 * written into the text.
 */
export class GeneratedCode {
  private readonly constants: unknown[] = [];

  /** The name the generated code uses for `value`. */
  constant(value: unknown): string {
    this.constants.push(value);
    return `c${this.constants.length - 1}`;
  }

  /**
   * A function name of its own: V8 would share one compiled function, and with it the
   * call-site feedback that makes generated code fast, between functions of identical source.
   */
  static functionName(prefix: string, label: string): string {
    return `${prefix}_${label.replace(/[^A-Za-z0-9_$]/g, '_')}_${++generatedCount}`;
  }

  /** Runs `source` (which returns the function) with the constants in scope; throws in a process that forbids generating code. */
  compile<T>(source: string): T {
    return new Function(...this.constants.map((_, index) => `c${index}`), source)(...this.constants) as T;
  }
}
