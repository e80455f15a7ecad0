// A lone UTF-16 surrogate cannot be stored: databases replace it with U+FFFD, so a hash computed
// over the original would never match the row read back.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** The text as any database stores it: each lone surrogate replaced by U+FFFD. */
export const wellFormedText = (text: string) => text.replace(LONE_SURROGATE, '\ufffd');

/** The value with every string in it (keys included) made well-formed, so it hashes as it is stored. */
export function wellFormed<T>(value: T): T {
  if (typeof value === 'string') return wellFormedText(value) as T;
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(wellFormed) as T;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [wellFormedText(k), wellFormed(v)]),
  ) as T;
}
