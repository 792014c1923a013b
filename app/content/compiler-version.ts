/**
 * Part of every cache key. Bump it when plugins, components or the entry format change what a
 * compile produces: every cached lesson is then rebuilt.
 */
export const COMPILER_VERSION = "2";
