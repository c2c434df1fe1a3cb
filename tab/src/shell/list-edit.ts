// Pure edits of the lists a form keeps (rows a user adds and removes): each returns a new list.

/** The list without the entry at `index`. */
export function withoutAt<T>(list: readonly T[], index: number): T[] {
  return list.filter((_, at) => at !== index);
}

/** The list with the entry at `index` replaced by `item`. */
export function replacedAt<T>(list: readonly T[], index: number, item: T): T[] {
  return list.map((old, at) => (at === index ? item : old));
}

/** The list with the fields of `patch` changed in the entry at `index`. */
export function patchedAt<T extends object>(list: readonly T[], index: number, patch: Partial<T>): T[] {
  return list.map((old, at) => (at === index ? { ...old, ...patch } : old));
}
