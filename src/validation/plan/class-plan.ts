import type { ErrorNode } from './error-node';
import type { PlanRun } from './plan-run';

/** What validate() does with an instance of one class, compiled once: appends its error nodes to `into`. */
export interface ClassPlan {
  /** The class has no validation metadata under the options (rows of such entities have no findings). */
  readonly empty: boolean;
  apply(object: object, into: ErrorNode[], run: PlanRun): void;
}

/** Finds (building on first use) the plan of a class: nested objects are planned by their constructor. */
export interface PlanLookup {
  planFor(target: Function): ClassPlan;
}
