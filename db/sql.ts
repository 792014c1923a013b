import { type Column, getTableName, sql } from "drizzle-orm";

/**
 * A column written with its table name, for correlated subqueries in raw SQL. drizzle leaves
 * columns unqualified in single-table selects, and an unqualified "id" inside a subquery binds to
 * the subquery's own table (users.id, lessons.id…) instead of the outer row.
 */
export function outer(column: Column) {
  return sql.raw(`"${getTableName(column.table)}"."${column.name}"`);
}
