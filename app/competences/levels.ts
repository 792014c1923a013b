// The self-assessment's levels, apart from the zod schemas (schemas.ts) so that the profile page's form renders them
// without downloading zod.
export const LEVELS = [1, 2, 3, 4, 5, 6, 7, 8] as const;
/** The radio value that clears a self-assessment ("not assessed"). */
export const NOT_ASSESSED = "none";
