/** The figures of one matrix cell (shared by the server and the page, which shows the percentage). */
export type Counts = {
  assigned: number;
  completed: number;
  inProgress: number;
  notStarted: number;
  overdue: number;
  counted: number;
};

export const emptyCounts = (): Counts => ({ assigned: 0, completed: 0, inProgress: 0, notStarted: 0, overdue: 0, counted: 0 });

export function addCounts(into: Counts, add: Counts) {
  into.assigned += add.assigned;
  into.completed += add.completed;
  into.inProgress += add.inProgress;
  into.notStarted += add.notStarted;
  into.overdue += add.overdue;
  into.counted += add.counted;
  return into;
}

/** Completion % (whole number) or null when nobody is counted. */
export function completionPercent(c: Counts) {
  return c.counted === 0 ? null : Math.round((c.completed / c.counted) * 100);
}

/** The figures of one programme cell: people following it, completed, overdue. */
export type ProgrammeCounts = { counted: number; completed: number; overdue: number };

/** Programme completion % (one decimal) or null when nobody follows it. */
export const programmePercent = (c: ProgrammeCounts) => (c.counted ? Math.round((c.completed / c.counted) * 1000) / 10 : null);

/**
 * Counts as a page's router data carries them: [assigned, completed, inProgress, notStarted, overdue, counted]. A
 * report's matrix has a cell per unit and course; as objects, their keys made most of the data the page hydrates
 * from (and of the server's work to encode it).
 */
export type PackedCounts = readonly [number, number, number, number, number, number];

export const packCounts = (c: Counts): PackedCounts => [c.assigned, c.completed, c.inProgress, c.notStarted, c.overdue, c.counted];

export const unpackCounts = ([assigned, completed, inProgress, notStarted, overdue, counted]: PackedCounts): Counts => ({
  assigned,
  completed,
  inProgress,
  notStarted,
  overdue,
  counted,
});

/** A row's cells (by course id), packed. */
export const packCells = (cells: Record<string, Counts>) => Object.fromEntries(Object.entries(cells).map(([id, c]) => [id, packCounts(c)]));
