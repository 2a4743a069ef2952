/** Set once by SIGINT/SIGTERM (or a caller); everything that can stop early watches it. */
export class Cancellation {
  private listeners: Array<(force: boolean) => void> = [];
  private requests = 0;

  get cancelled(): boolean {
    return this.requests > 0;
  }

  /** First call: stop gracefully. A second call: stop now. */
  cancel(): void {
    this.requests++;
    const force = this.requests > 1;
    for (const listener of this.listeners) listener(force);
  }

  onCancel(listener: (force: boolean) => void): () => void {
    this.listeners.push(listener);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }
}
