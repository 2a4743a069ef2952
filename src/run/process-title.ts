/**
 * Process titles that `ps` shows. Linux cuts a title to the length of the process's
 * original command line, so workers are forked with room to spare (TITLE_ROOM).
 */
export const TITLE_ROOM = 120;
export const TITLE_ROOM_ARGUMENT = `--title-room=${'.'.repeat(TITLE_ROOM)}`;

export function setTitle(title: string): void {
  try {
    process.title = title;
  } catch {
    // some platforms refuse; titles are a courtesy
  }
}

export function managerTitle(pids: number[]): string {
  return `validate-records: manager [${pids.join(', ')}]`;
}

export function workerTitle(workerNumber: number, doing: string): string {
  return `validate-records: worker ${workerNumber} ${doing}`;
}
