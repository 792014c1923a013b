/**
 * True when a unique index refused a write (SQLSTATE 23505), optionally a given one. drizzle wraps the driver's
 * error in `cause`; postgres.js names the index in `constraint_name`, PGlite in `constraint`.
 */
export function isUniqueViolation(error: unknown, constraint?: string) {
  for (let e = error as Record<string, unknown> | undefined, depth = 0; e && depth < 3; e = e.cause as Record<string, unknown>, depth++) {
    if (e.code === "23505") return !constraint || e.constraint_name === constraint || e.constraint === constraint;
  }
  return false;
}
