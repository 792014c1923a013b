// What a translator returns for a key, or for a key with options of plain values ({ count }, { n, total },
// { percent }), depends on nothing else in one language (plural rules and number formats are the language's), and
// i18next spends a lot on each call (copies of its options, a regular-expression pass): the text is kept. Bounded,
// since a caller may pass arbitrary text (a name) as an option.
const LIMIT = 5000;

/** The memo's key for t(key) or t(key, { name: string | number | boolean | undefined, … }); null for anything else. */
export function memoKey(key: unknown, rest: readonly unknown[]): string | null {
  if (typeof key !== "string") return null;
  if (rest.length === 0) return key;
  const options = rest[0];
  if (rest.length > 1 || typeof options !== "object" || options === null || Object.getPrototypeOf(options) !== Object.prototype) return null;
  let memo = key;
  for (const name in options) {
    const value = (options as Record<string, unknown>)[name];
    const type = typeof value;
    if (type === "undefined") continue; // as i18next reads it: the same as no such option
    if (type !== "string" && type !== "number" && type !== "boolean") return null;
    if (Object.is(value, -0)) return null; // formats as "-0" where 0 reads "0"
    // The type is part of the key: { count: 1 } and { count: "1" } need not read the same. Strings are quoted, so no
    // value (a name with a NUL in it, say) can read as the next option.
    memo += `\u0000${JSON.stringify(name)}\u0001${type[0]}${type === "string" ? JSON.stringify(value) : String(value)}`;
  }
  return memo;
}

/** `translate` with its text kept per memoKey; anything else (returnObjects, a list of keys) passes through. */
export function memoised<T>(translate: T): T {
  const kept = new Map<string, string>();
  return ((key: unknown, ...rest: unknown[]) => {
    const memo = memoKey(key, rest);
    const call = translate as unknown as (key: unknown, ...rest: unknown[]) => unknown;
    if (memo === null) return call(key, ...rest);
    let text = kept.get(memo);
    if (text === undefined) {
      const result = call(key, ...rest);
      if (typeof result !== "string") return result;
      text = result;
      if (kept.size < LIMIT) kept.set(memo, text);
    }
    return text;
  }) as unknown as T;
}
