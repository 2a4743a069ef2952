/**
 * A threshold on a table's invalid rows, as written in the config file (dbt's warn_if /
 * error_if): an operator and a count, or a percentage of the table's rows.
 * "> 0", ">= 100", "> 2.5%", "!= 0".
 */
export interface ThresholdCondition {
  operator: '>' | '>=' | '<' | '<=' | '=' | '!=';
  value: number;
  percent: boolean;
}

const CONDITION = /^\s*(>=|<=|!=|==|=|>|<)\s*(\d+(?:\.\d+)?)\s*(%)?\s*$/;

/** The condition, or undefined when the text is not one. */
export function parseCondition(text: string): ThresholdCondition | undefined {
  const match = CONDITION.exec(text);
  if (!match) return undefined;
  const operator = (match[1] === '==' ? '=' : match[1]) as ThresholdCondition['operator'];
  const value = Number(match[2]);
  const percent = match[3] === '%';
  if (percent && value > 100) return undefined;
  return { operator, value, percent };
}

export const CONDITION_HELP = 'a comparison with a row count or a percentage of the table\'s rows, such as "> 0", ">= 100" or "> 2.5%"';

export function conditionHolds(condition: ThresholdCondition, invalidRows: number, rows: number): boolean {
  const measured = condition.percent ? (rows > 0 ? (invalidRows * 100) / rows : 0) : invalidRows;
  switch (condition.operator) {
    case '>': return measured > condition.value;
    case '>=': return measured >= condition.value;
    case '<': return measured < condition.value;
    case '<=': return measured <= condition.value;
    case '=': return measured === condition.value;
    case '!=': return measured !== condition.value;
  }
}
