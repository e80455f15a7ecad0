import type { fetchUtils } from 'react-admin';

type Client = (url: string, options?: fetchUtils.Options) => ReturnType<typeof fetchUtils.fetchJson>;

const REMEMBERED_LISTS = 50;

/**
 * Lets the console read the next page of a list after the last row it showed (the API's
 * X-Next-Cursor) instead of by offset, so the next page deep in a million processes costs what the
 * first one does. A page reached any other way (a jump, another sort) is read by offset as before.
 */
export function withListCursors(client: Client): Client {
  const known = new Map<string, { end: number; cursor: string }>();
  return async (url, options = {}) => {
    const target = new URL(url, window.location.origin);
    const range = target.searchParams.get('range');
    if ((options.method ?? 'GET').toUpperCase() !== 'GET' || !range) return client(url, options);
    const [first, last] = JSON.parse(range) as [number, number];
    const list = new URLSearchParams(target.searchParams);
    list.delete('range');
    const key = `${target.pathname}?${list.toString()}&size=${last - first + 1}`;
    const before = known.get(key);
    if (before && before.end === first - 1) target.searchParams.set('cursor', before.cursor);
    const response = await client(`${target.pathname}${target.search}`, options);
    const next = response.headers.get('X-Next-Cursor');
    known.delete(key);
    if (next) known.set(key, { end: last, cursor: next });
    if (known.size > REMEMBERED_LISTS) known.delete(known.keys().next().value as string);
    return response;
  };
}
