/**
 * The database schema, one file per area, all re-exported here so that `db/schema` stays the one import. A file uses
 * only the areas listed above it (accounts first: org units live there so that nothing needs a file still being
 * evaluated).
 */
export * from "./accounts";
export * from "./learning";
export * from "./programmes";
export * from "./quizzes";
export * from "./certificates";
export * from "./people";
export * from "./training";
export * from "./notifications";
export * from "./live";
export * from "./competences";
