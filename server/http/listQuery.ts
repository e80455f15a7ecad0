import type { Knex } from 'knex';
import type { Request, Response } from 'express';
import { badRequest } from './errors.js';
import { ownKey } from '../../domain/ownKey.js';
import { containing, escapeLike, LIKE_ESCAPED } from './likePattern.js';
import { sumCounts } from '../db/instanceCounts.js';

export type FilterKind = 'exact' | 'boolean' | 'number' | 'prefix';

/** What a resource lets clients sort and filter on; anything else is refused with a 400. */
export interface ListSpec {
  resource: string;
  table: string;
  sortable: readonly string[];
  filters: Readonly<Record<string, FilterKind>>;
  /** Columns the `q` filter searches (case-insensitive substring). */
  searchable?: readonly string[];
  /** More places `q` may match, OR-ed with the columns (e.g. related tables through subqueries). */
  searchAlso?: (where: Knex.QueryBuilder, q: string) => void;
  /**
   * Looks `q` up as a whole identifier (an e-mail, a document number) through indexes, instead of
   * the substring search: the conditions that find it, or undefined when `q` is not one.
   */
  searchExactly?: (q: string) => Promise<((where: Knex.QueryBuilder) => void) | undefined>;
  defaultSort: [string, 'ASC' | 'DESC'];
  maxPageSize?: number;
  /**
   * A table of counts (one column `n` per combination of its other columns, kept by triggers):
   * a list filtered only by these fields takes its total from it instead of counting rows.
   */
  countedBy?: { table: string; filters: readonly string[] };
  /** Sort fields that are never NULL: a page may then start after a cursor instead of an offset. */
  keysetSortable?: readonly string[];
}

/** Where a page starts when read by cursor: the sort value and id of the row before it. */
export type ListCursor = [string | number, string];

/** The largest row offset a list accepts: far beyond any table here, well inside SQL integers. */
export const MAX_OFFSET = 1_000_000_000;

export interface ListParams {
  sort: [string, 'ASC' | 'DESC'];
  range: [number, number];
  filter: Record<string, unknown>;
  cursor?: ListCursor;
}

const encodeCursor = (c: ListCursor) => Buffer.from(JSON.stringify(c)).toString('base64url');

function parseCursor(req: Request, spec: ListSpec, sortField: string): ListCursor | undefined {
  const raw = req.query.cursor;
  if (raw === undefined) return undefined;
  if (!spec.keysetSortable?.includes(sortField)) {
    const fields = spec.keysetSortable?.join(', ') || 'none';
    throw badRequest(`Parameter "cursor" works only when ${spec.resource} are sorted by one of: ${fields}.`);
  }
  let cursor: unknown;
  try {
    cursor = typeof raw === 'string' ? JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) : undefined;
  } catch {
    cursor = undefined;
  }
  if (
    !Array.isArray(cursor) ||
    cursor.length !== 2 ||
    !['string', 'number'].includes(typeof cursor[0]) ||
    typeof cursor[1] !== 'string'
  ) {
    throw badRequest('Parameter "cursor" is not one this API gave (the X-Next-Cursor header of the page before).');
  }
  return [cursor[0], cursor[1]];
}

function jsonParam(req: Request, name: string): unknown {
  const raw = req.query[name];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string') throw badRequest(`Query parameter "${name}" must be given once, as JSON.`);
  try {
    return JSON.parse(raw);
  } catch {
    throw badRequest(`Query parameter "${name}" is not valid JSON: ${raw}`);
  }
}

/** Reads react-admin's simple-REST `sort`, `range` and `filter` parameters, strictly. */
export function parseListParams(req: Request, spec: ListSpec): ListParams {
  const maxPage = spec.maxPageSize ?? 1000;
  const sort = jsonParam(req, 'sort') ?? spec.defaultSort;
  if (
    !Array.isArray(sort) ||
    sort.length !== 2 ||
    typeof sort[0] !== 'string' ||
    !['ASC', 'DESC'].includes(String(sort[1]).toUpperCase())
  ) {
    throw badRequest('Parameter "sort" must look like ["field","ASC"] or ["field","DESC"].');
  }
  if (!spec.sortable.includes(sort[0])) {
    throw badRequest(`Cannot sort ${spec.resource} by "${sort[0]}". Sortable fields: ${spec.sortable.join(', ')}.`);
  }
  const range = jsonParam(req, 'range') ?? [0, 24];
  if (
    !Array.isArray(range) ||
    range.length !== 2 ||
    !range.every((n) => Number.isSafeInteger(n) && n >= 0 && n <= MAX_OFFSET) ||
    range[1] < range[0]
  ) {
    throw badRequest(
      `Parameter "range" must look like [first, last] with whole numbers from 0 to ${MAX_OFFSET}, first <= last.`,
    );
  }
  if (range[1] - range[0] + 1 > maxPage) throw badRequest(`A page holds at most ${maxPage} rows.`);
  const filter = jsonParam(req, 'filter') ?? {};
  if (filter === null || typeof filter !== 'object' || Array.isArray(filter)) {
    throw badRequest('Parameter "filter" must be a JSON object.');
  }
  for (const key of Object.keys(filter)) {
    if (key !== 'q' && key !== 'id' && !ownKey(spec.filters, key)) {
      const known = ['q', 'id', ...Object.keys(spec.filters)].join(', ');
      throw badRequest(`Cannot filter ${spec.resource} by "${key}". Filters: ${known}.`);
    }
  }
  const cursor = parseCursor(req, spec, sort[0]);
  return {
    sort: [sort[0], String(sort[1]).toUpperCase() as 'ASC' | 'DESC'],
    range: [range[0], range[1]],
    filter: filter as Record<string, unknown>,
    ...(cursor ? { cursor } : {}),
  };
}

type Exactly = ((where: Knex.QueryBuilder) => void) | undefined;

function applyFilter(query: Knex.QueryBuilder, spec: ListSpec, key: string, value: unknown, exactly?: Exactly) {
  if (key === 'id') {
    const ids = Array.isArray(value) ? value : [value];
    query.whereIn('id', ids.map(String));
    return;
  }
  if (key === 'q') {
    const needle = containing(String(value).toLowerCase());
    const columns = spec.searchable ?? [];
    if (exactly) {
      query.where(exactly);
      return;
    }
    query.where((w) => {
      columns.forEach((c) => w.orWhereRaw(`lower(??) ${LIKE_ESCAPED}`, [c, needle]));
      spec.searchAlso?.(w, String(value));
    });
    return;
  }
  const kind = spec.filters[key];
  if (value === undefined || value === null || value === '') return;
  if (kind === 'boolean') query.where(key, value === true || value === 'true');
  else if (kind === 'number') query.where(key, Number(value));
  else if (kind === 'prefix') query.whereRaw(`?? ${LIKE_ESCAPED}`, [key, `${escapeLike(String(value))}%`]);
  else if (Array.isArray(value)) query.whereIn(key, value.map(String));
  else query.where(key, String(value));
}

/** The list's total: from the spec's table of counts when the filters allow, else by counting rows. */
async function totalOf(db: Knex, spec: ListSpec, params: ListParams, base: Knex.QueryBuilder, scoped: boolean) {
  const counted = spec.countedBy;
  const keys = Object.keys(params.filter);
  if (counted && !scoped && keys.every((k) => counted.filters.includes(k))) {
    const counts = db(counted.table);
    for (const [key, value] of Object.entries(params.filter)) applyFilter(counts, spec, key, value);
    return sumCounts(counts);
  }
  const countRow = await base.clone().count<{ count: number | string }[]>({ count: '*' }).first();
  return Number(countRow?.count ?? 0);
}

/**
 * A prefix filter on a counted field, turned into the values that match it and are present (read
 * from the counts, a few hundred rows): an equality the list's index serves in its sort order,
 * where a LIKE would have the database read and sort every row of the machine.
 */
async function valuesPresent(db: Knex, spec: ListSpec, filter: Record<string, unknown>) {
  const found = new Map<string, string[]>();
  const counted = spec.countedBy;
  if (!counted) return found;
  for (const [key, value] of Object.entries(filter)) {
    if (spec.filters[key] !== 'prefix' || !counted.filters.includes(key)) continue;
    if (typeof value !== 'string' || value === '') continue;
    const present = db(counted.table).distinct(key).where('n', '>', 0);
    applyFilter(present, spec, key, value);
    const rows = (await present) as Array<Record<string, string>>;
    found.set(
      key,
      rows.map((r) => r[key]!),
    );
  }
  return found;
}

const flip = (d: 'asc' | 'desc') => (d === 'asc' ? 'desc' : 'asc');

/**
 * Reads one page. After a cursor, the page starts past that row (an index range, however deep).
 * Without one, an offset past the middle is read from the other end of the order, reversed: the
 * last pages cost what the first do; only the middle of a very long list is read by offset.
 */
async function pageOf(base: Knex.QueryBuilder, params: ListParams, total: number) {
  const [field, dir] = [params.sort[0], params.sort[1].toLowerCase() as 'asc' | 'desc'];
  const [first, last] = params.range;
  const size = last - first + 1;
  if (params.cursor) {
    const [value, id] = params.cursor;
    const beyond = dir === 'asc' ? '>' : '<';
    return (
      base
        .clone()
        // Written as one range on the sort column (what an index serves) minus the rows of the cursor's
        // own value up to its id, rather than as an OR the planners cannot read as a range.
        .where(field, `${beyond}=`, value)
        .whereNot((t) => t.where(field, value).where('id', '<=', id))
        .orderBy(field, dir)
        .orderBy('id', 'asc')
        .limit(size)
    );
  }
  if (first > total / 2 && first < total) {
    const tail = Math.min(last, total - 1) - first + 1;
    const rows = await base
      .clone()
      .orderBy(field, flip(dir))
      .orderBy('id', 'desc')
      .offset(total - 1 - Math.min(last, total - 1))
      .limit(tail);
    return rows.reverse();
  }
  return base.clone().orderBy(field, dir).orderBy('id', 'asc').offset(first).limit(size);
}

/**
 * Runs a list request against one table and answers with rows and the Content-Range header, and
 * with X-Next-Cursor (the page after this one, by cursor) when the sort allows one.
 */
export async function listRows<T>(
  db: Knex,
  spec: ListSpec,
  params: ListParams,
  res: Response,
  mapRow: (row: Record<string, unknown>) => T = (r) => r as T,
  scope?: (q: Knex.QueryBuilder) => void,
): Promise<T[]> {
  const base = db(spec.table);
  scope?.(base);
  const q = params.filter.q;
  const exactly = q !== undefined && q !== null && spec.searchExactly ? await spec.searchExactly(String(q)) : undefined;
  const present = await valuesPresent(db, spec, params.filter);
  for (const [key, value] of Object.entries(params.filter)) {
    const values = present.get(key);
    if (!values) applyFilter(base, spec, key, value, exactly);
    else if (values.length) base.whereIn(key, values);
    else base.whereRaw('1 = 0');
  }
  const total = await totalOf(db, spec, params, base, Boolean(scope));
  const rows = (await pageOf(base, params, total)) as Array<Record<string, unknown>>;
  const first = params.range[0];
  const end = rows.length ? first + rows.length - 1 : first;
  res.setHeader('Content-Range', `${spec.resource} ${first}-${end}/${total}`);
  const lastRow = rows[rows.length - 1];
  if (lastRow && spec.keysetSortable?.includes(params.sort[0]))
    res.setHeader('X-Next-Cursor', encodeCursor([lastRow[params.sort[0]] as string | number, String(lastRow.id)]));
  return rows.map(mapRow);
}

/**
 * Sorts and pages rows already read (lists small enough to read whole), with the same strict
 * parameters and Content-Range as the SQL lists.
 */
export function pageInMemory<T extends Record<string, unknown>>(
  rows: T[],
  params: ListParams,
  spec: ListSpec,
  res: Response,
): T[] {
  const [field, direction] = params.sort;
  const sign = direction === 'ASC' ? 1 : -1;
  const sorted = [...rows].sort((a, b) => sign * String(a[field] ?? '').localeCompare(String(b[field] ?? '')));
  const [first, last] = params.range;
  const page = sorted.slice(first, last + 1);
  const end = page.length ? first + page.length - 1 : first;
  res.setHeader('Content-Range', `${spec.resource} ${first}-${end}/${rows.length}`);
  return page;
}
