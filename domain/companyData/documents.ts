import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { z } from 'zod';
import { escapeHtml } from '../mail/render.js';

// The company's fiscal documents (the data the access policy guards): NF-e and NFC-e it issued,
// and its suppliers' XMLs, pending or recognised. Generated here for the demo and the tests.

export const documentKinds = ['NF-e', 'NFC-e'] as const;
export type DocumentKind = (typeof documentKinds)[number];
export type DocumentSource = 'issued' | 'supplier';

export interface CompanyDocument {
  id: string;
  companyId: string;
  source: DocumentSource;
  kind: DocumentKind;
  status: 'issued' | 'pending' | 'recognised';
  number: number;
  counterpart: string;
  year: number;
  month: number;
  amountCents: number;
  xml: string;
  createdAt: string;
}

type Db = Knex | Knex.Transaction;

const customers = ['Consumidor final', 'Mercado Bom Preço', 'Padaria Central', 'Oficina São Jorge', 'Loja Estrela'];
const suppliers = ['Distribuidora Norte', 'Atacado Sul', 'Embalagens Brasil', 'Papelaria União', 'Energia Local'];

/** A small deterministic generator (mulberry32), so a seed gives the same invoices every time. */
function random(seed: string) {
  let a = crypto.createHash('sha256').update(seed).digest().readUInt32LE(0);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const xmlOf = (d: Omit<CompanyDocument, 'xml'>, companyName: string) => {
  const [emit, dest] = d.source === 'issued' ? [companyName, d.counterpart] : [d.counterpart, companyName];
  const date = `${d.year}-${String(d.month).padStart(2, '0')}-15`;
  return `<NFe><infNFe versao="4.00"><ide><mod>${d.kind === 'NF-e' ? 55 : 65}</mod><nNF>${d.number}</nNF><dhEmi>${date}</dhEmi></ide><emit><xNome>${escapeHtml(emit)}</xNome></emit><dest><xNome>${escapeHtml(dest)}</xNome></dest><total><vNF>${(d.amountCents / 100).toFixed(2)}</vNF></total></infNFe></NFe>`;
};

/**
 * Invoices for a company over some months: issued NF-e and NFC-e, and suppliers' NF-e (the older
 * ones recognised, the latest month's pending). The same seed gives the same documents.
 */
export async function generateInvoices(
  db: Db,
  companyId: string,
  o: { year: number; months: number[]; perMonth?: number; seed?: string },
): Promise<number> {
  const company = (await db('companies').where({ id: companyId }).first('name')) as { name: string } | undefined;
  if (!company) throw new Error(`No company ${companyId}`);
  const next = random(o.seed ?? companyId);
  const perMonth = o.perMonth ?? 4;
  const latest = Math.max(...o.months);
  const rows: CompanyDocument[] = [];
  let number = 1000;
  for (const month of o.months)
    for (let i = 0; i < perMonth; i++) {
      for (const source of ['issued', 'supplier'] as const) {
        const kind: DocumentKind = source === 'supplier' || i % 2 === 0 ? 'NF-e' : 'NFC-e';
        const names = source === 'issued' ? customers : suppliers;
        const base = {
          id: crypto.randomUUID(),
          companyId,
          source,
          kind,
          status:
            source === 'issued'
              ? ('issued' as const)
              : month === latest
                ? ('pending' as const)
                : ('recognised' as const),
          number: (number += 1),
          counterpart: names[Math.floor(next() * names.length)]!,
          year: o.year,
          month,
          amountCents: 1000 + Math.floor(next() * 500_000),
          createdAt: new Date().toISOString(),
        };
        rows.push({ ...base, xml: xmlOf(base, company.name) });
      }
    }
  for (let i = 0; i < rows.length; i += 100) await db('companyDocuments').insert(rows.slice(i, i + 100));
  return rows.length;
}

export interface Period {
  year: number;
  month: number;
  kind?: DocumentKind;
}

const inPeriod = (db: Db, companyId: string, source: DocumentSource, p: Period) =>
  db('companyDocuments')
    .where({ companyId, source, year: p.year, month: p.month })
    .modify((q) => (p.kind ? q.where({ kind: p.kind }) : q))
    .orderBy('number');

/** "Relatórios e documentos": the month's issued documents of a kind, counted and summed. */
export async function monthReport(db: Db, companyId: string, p: Period) {
  const rows = (await inPeriod(db, companyId, 'issued', p).select(
    'number',
    'kind',
    'counterpart',
    'amountCents',
  )) as Array<Pick<CompanyDocument, 'number' | 'kind' | 'counterpart' | 'amountCents'>>;
  return {
    year: p.year,
    month: p.month,
    kind: p.kind ?? null,
    count: rows.length,
    totalCents: rows.reduce((sum, r) => sum + Number(r.amountCents), 0),
    documents: rows,
  };
}

const csvCell = (v: string | number) => {
  const s = String(v);
  return /^[=+\-@]/.test(s) || /[",\n]/.test(s) ? `"${s.replace(/^([=+\-@])/, "'$1").replace(/"/g, '""')}"` : s;
};

/** The month's report as CSV, for download. */
export async function monthReportCsv(db: Db, companyId: string, p: Period): Promise<string> {
  const report = await monthReport(db, companyId, p);
  const lines = [
    'number,kind,counterpart,amount',
    ...report.documents.map((d) =>
      [d.number, d.kind, d.counterpart, (Number(d.amountCents) / 100).toFixed(2)].map(csvCell).join(','),
    ),
    `total,,,${(report.totalCents / 100).toFixed(2)}`,
  ];
  return `${lines.join('\n')}\n`;
}

/** The month's XMLs of one source (and kind), in one document, for download. */
export async function xmlBundle(db: Db, companyId: string, source: DocumentSource, p: Period): Promise<string> {
  const rows = (await inPeriod(db, companyId, source, p).select('xml')) as Array<{ xml: string }>;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<documentos ano="${p.year}" mes="${p.month}" origem="${source}">${rows
    .map((r) => r.xml)
    .join('')}</documentos>\n`;
}

/** "Configurações": what the company's admin may change. */
export const companySettingsSchema = z
  .object({
    taxRegime: z.enum(['simples', 'presumido', 'real']),
    invoiceSeries: z.number().int().min(1).max(999),
    monthlyReportByEmail: z.boolean(),
  })
  .strict();
export type CompanySettings = z.infer<typeof companySettingsSchema>;
export const defaultCompanySettings: CompanySettings = {
  taxRegime: 'simples',
  invoiceSeries: 1,
  monthlyReportByEmail: true,
};

export async function readSettings(db: Db, companyId: string): Promise<CompanySettings> {
  const row = (await db('companySettings').where({ companyId }).first('settings')) as { settings: string } | undefined;
  return row ? (JSON.parse(row.settings) as CompanySettings) : defaultCompanySettings;
}

export async function writeSettings(db: Db, companyId: string, settings: CompanySettings, by: string) {
  await db('companySettings')
    .insert({ companyId, settings: JSON.stringify(settings), updatedBy: by, updatedAt: new Date().toISOString() })
    .onConflict('companyId')
    .merge();
}
