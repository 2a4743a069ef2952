import type { ClassPlan } from './class-plan';
import type { ErrorNode } from './error-node';
import type { PlanRun } from './plan-run';
import type { PropertyPlan } from './property-plan';

/** A class's compiled plan: its properties in class-validator's order (groupByPropertyName's keys). */
export class PropertiesPlan implements ClassPlan {
  readonly empty = false;

  constructor(private readonly properties: PropertyPlan[]) {}

  apply(object: object, into: ErrorNode[], run: PlanRun): void {
    const properties = this.properties;
    for (let i = 0; i < properties.length; i++) properties[i].apply(object as Record<string, unknown>, into, run);
  }
}
