/** `like` with `\` as its escape character (the same text in SQLite and PostgreSQL). */
export const LIKE_ESCAPED = "like ? escape '\\'";

/** Escapes LIKE's wildcards so `%` and `_` typed in a search match themselves. */
export const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A pattern matching values that contain `text` literally. */
export const containing = (text: string) => `%${escapeLike(text)}%`;
