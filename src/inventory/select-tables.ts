export interface TableSelection {
  only: string[];
  except: string[];
}

/** A table is selected when its entity or table name matches an --only glob (if any) and no --except glob. */
export function matchesSelection(selection: TableSelection, entity: string, table: string): boolean {
  const matches = (glob: string) => {
    const pattern = globToRegExp(glob);
    return pattern.test(entity) || pattern.test(table);
  };
  if (selection.only.length > 0 && !selection.only.some(matches)) return false;
  return !selection.except.some(matches);
}

export function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}
