import { type Column, getTableName, type SQL, sql } from "drizzle-orm";

/**
 * A column written with its table name, for correlated subqueries in raw SQL. drizzle leaves
 * columns unqualified in single-table selects, and an unqualified "id" inside a subquery binds to
 * the subquery's own table (users.id, lessons.id…) instead of the outer row.
 */
export function outer(column: Column) {
  return sql.raw(`"${getTableName(column.table)}"."${column.name}"`);
}

const prepared = new WeakMap<object, Map<string, unknown>>();

/** A prepared query built once per database client and reused: hot paths skip query building. */
export function preparedFor<T>(db: object, name: string, build: () => T): T {
  let byName = prepared.get(db);
  if (!byName) {
    byName = new Map();
    prepared.set(db, byName);
  }
  if (!byName.has(name)) byName.set(name, build());
  return byName.get(name) as T;
}

/**
 * A uuid[] parameter both drivers read the same way (an empty list too), for `= any(…)`: one bind parameter
 * whatever the length (an array literal cast on the server), so 20,000 ids stay far below PostgreSQL's 65,535.
 */
export function uuidArray(ids: readonly string[]) {
  // Quoted elements: a stray comma or brace in a hostile id stays inside its element and fails the uuid cast.
  const literal = `{${ids.map((id) => `"${id.replace(/["\\]/g, "\\$&")}"`).join(",")}}`;
  return sql`${literal}::uuid[]`;
}

/**
 * What an assignment row is about, a course or a programme, as one relation `(id, programme, slug, title_vi,
 * title_en, published)` to join on `coalesce(la.course_id, la.programme_id)`: reminders and notifications name and
 * link either the same way.
 */
export const TRAINING_SUBJECTS = sql.raw(
  "(select id, false as programme, slug, title_vi, title_en, published from courses " +
    "union all select id, true, slug, title_vi, title_en, published from programmes)",
);

/**
 * "These are one job title": trimmed, in any case ("Thủ thư " typed into an import and "thủ thư" are the same title).
 * The one rule for assignments by job title and for the report filters; a string is sent as a parameter.
 */
export function sameJobTitle(left: SQL, right: SQL | string): SQL {
  return sql`lower(btrim(${left})) = lower(btrim(${right}))`;
}
