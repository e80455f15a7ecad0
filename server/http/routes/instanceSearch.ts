import type { Knex } from 'knex';
import { containing, LIKE_ESCAPED } from '../likePattern.js';
import { normalizeEmail } from '../../../domain/directory/validation.js';

const digitsOnly = (s: string) => s.replace(/\D/g, '');
// "11.222.333/0001-81" or "529.982.247-25": a document number typed with its punctuation.
const looksLikeDocument = (s: string) => /^[\d.\-/\s]+$/.test(s) && digitsOnly(s).length >= 3;
const looksLikeEmail = (s: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s);

/**
 * Finds processes by what people know them by: a person's e-mail or CPF, an office's or a
 * company's CNPJ. The instances hold ids only, so the search goes through the directory.
 */
export function searchInstancesByDirectory(db: Knex) {
  return (where: Knex.QueryBuilder, q: string) => {
    const needle = containing(q.trim().toLowerCase());
    const clientUsers = db('clientUsers')
      .select('id')
      .whereRaw(`lower(??) ${LIKE_ESCAPED}`, ['email', needle])
      .orWhereRaw(`lower(??) ${LIKE_ESCAPED}`, ['pendingEmail', needle]);
    const officeUsers = db('officeUsers').select('id').whereRaw(`lower(??) ${LIKE_ESCAPED}`, ['email', needle]);
    where.orWhereIn('entityId', clientUsers).orWhereIn('entityId', officeUsers);
    if (!looksLikeDocument(q)) return;
    const digits = `%${digitsOnly(q)}%`;
    const companies = db('companies').select('id').where('cnpj', 'like', digits);
    where
      .orWhereIn(
        'entityId',
        db('clientUsers').select('id').where('cpf', 'like', digits).orWhereIn('companyId', companies),
      )
      .orWhereIn('officeId', db('offices').select('id').where('cnpj', 'like', digits));
  };
}

/**
 * ORs "column in list" for the lists that hold ids, and matches nothing when none does: an empty
 * list in an OR would leave SQLite reading every process to rule it out.
 */
function matchAny(where: Knex.QueryBuilder, lists: Array<[string, string[]]>): Knex.QueryBuilder {
  const found = lists.filter(([, ids]) => ids.length > 0);
  if (found.length === 0) return where.orWhereRaw('1 = 0');
  for (const [column, ids] of found) where.orWhereIn(column, ids);
  return where;
}

/**
 * A whole e-mail, CPF (11 digits) or CNPJ (14 digits) is looked up exactly, through indexes, so
 * the search costs the same at a million processes as at a hundred; anything shorter or looser
 * falls back to the substring search above. The directory is read first and the processes are
 * then matched by id lists: both databases serve such an OR of lists from their indexes, where an
 * OR of subqueries makes PostgreSQL scan every process.
 */
export function searchInstancesByIdentifier(db: Knex) {
  const idsOf = async (query: Knex.QueryBuilder) => ((await query) as Array<{ id: string }>).map((r) => r.id);
  return async (q: string): Promise<((where: Knex.QueryBuilder) => void) | undefined> => {
    const text = q.trim();
    if (looksLikeEmail(text)) {
      const email = normalizeEmail(text);
      const people = [
        ...(await idsOf(db('clientUsers').select('id').where('email', email))),
        ...(await idsOf(db('clientUsers').select('id').where('pendingEmail', email))),
        ...(await idsOf(db('officeUsers').select('id').where('email', email))),
      ];
      return (where) => matchAny(where.where('entityEmail', email), [['entityId', people]]);
    }
    if (!looksLikeDocument(text)) return undefined;
    const digits = digitsOnly(text);
    if (digits.length === 11) {
      const people = await idsOf(db('clientUsers').select('id').where('cpf', digits));
      return (where) => matchAny(where, [['entityId', people]]);
    }
    if (digits.length !== 14) return undefined;
    const companies = await idsOf(db('companies').select('id').where('cnpj', digits));
    const people = await idsOf(db('clientUsers').select('id').whereIn('companyId', companies));
    const offices = await idsOf(db('offices').select('id').where('cnpj', digits));
    return (where) =>
      matchAny(where, [
        ['entityId', [...companies, ...people]],
        ['officeId', offices],
      ]);
  };
}
