import type { Knex } from 'knex';
import type { Request, Response } from 'express';
import { badRequest } from './errors.js';
import { ownKey } from './safeKeys.js';
import { containing, escapeLike, LIKE_ESCAPED } from './likePattern.js';

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
  defaultSort: [string, 'ASC' | 'DESC'];
  maxPageSize?: number;
}

/** The largest row offset a list accepts: far beyond any table here, well inside SQL integers. */
export const MAX_OFFSET = 1_000_000_000;

export interface ListParams {
  sort: [string, 'ASC' | 'DESC'];
  range: [number, number];
  filter: Record<string, unknown>;
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
  return {
    sort: [sort[0], String(sort[1]).toUpperCase() as 'ASC' | 'DESC'],
    range: [range[0], range[1]],
    filter: filter as Record<string, unknown>,
  };
}

function applyFilter(query: Knex.QueryBuilder, spec: ListSpec, key: string, value: unknown) {
  if (key === 'id') {
    const ids = Array.isArray(value) ? value : [value];
    query.whereIn('id', ids.map(String));
    return;
  }
  if (key === 'q') {
    const needle = containing(String(value).toLowerCase());
    const columns = spec.searchable ?? [];
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

/** Runs a list request against one table and answers with rows and the Content-Range header. */
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
  for (const [key, value] of Object.entries(params.filter)) applyFilter(base, spec, key, value);
  const countRow = await base.clone().count<{ count: number | string }[]>({ count: '*' }).first();
  const total = Number(countRow?.count ?? 0);
  const [first, last] = params.range;
  const rows = await base
    .clone()
    .orderBy(params.sort[0], params.sort[1].toLowerCase() as 'asc' | 'desc')
    .orderBy('id', 'asc')
    .offset(first)
    .limit(last - first + 1);
  const end = rows.length ? first + rows.length - 1 : first;
  res.setHeader('Content-Range', `${spec.resource} ${first}-${end}/${total}`);
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
