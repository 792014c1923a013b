/** The shape of a message tree with every string widened: other languages must have exactly these keys. */
export type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
