/** The state of one validation call: the promises its constraints returned, awaited before flattening. */
export class PlanRun {
  pending: Promise<unknown>[] | undefined = undefined;

  wait(promise: Promise<unknown>): void {
    (this.pending ??= []).push(promise);
  }
}
