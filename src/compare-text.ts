/** Code-unit order: the same on every machine and locale, unlike localeCompare (plans and baselines must agree across CI machines). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
