import type { Knex } from 'knex';
import { containing, LIKE_ESCAPED } from '../likePattern.js';

const digitsOnly = (s: string) => s.replace(/\D/g, '');
// "11.222.333/0001-81" or "529.982.247-25": a document number typed with its punctuation.
const looksLikeDocument = (s: string) => /^[\d.\-/\s]+$/.test(s) && digitsOnly(s).length >= 3;

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
