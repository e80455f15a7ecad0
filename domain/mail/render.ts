import fs from 'node:fs/promises';
import mjml2html from 'mjml';
import type { Locale } from '../../machines/definition.js';
import { catalog, type MailTemplate } from './catalog.js';

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

const templatesDir = new URL('./templates/', import.meta.url);

// MJML compilation is slow (tens of ms); each template is compiled once per process and
// only the slots are filled per message.
const compiled = new Map<string, Promise<string>>();

/** Compiles a template with MJML's strict validation: any error in the markup throws. */
export async function compileTemplate(template: MailTemplate, locale: Locale): Promise<string> {
  const source = await fs.readFile(new URL(`${template}.${locale}.mjml`, templatesDir), 'utf8');
  const result = await mjml2html(source, { validationLevel: 'strict', keepComments: false });
  return result.html;
}

function compiledTemplate(template: MailTemplate, locale: Locale): Promise<string> {
  const key = `${template}.${locale}`;
  let html = compiled.get(key);
  if (!html) {
    html = compileTemplate(template, locale);
    html.catch(() => compiled.delete(key)); // a failed read may succeed later; do not cache it
    compiled.set(key, html);
  }
  return html;
}

export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** Replaces every `{{slot}}`; a slot without a value is a bug in the caller, so it throws. */
export function fillSlots(source: string, values: Record<string, string>, escape: (s: string) => string): string {
  return source.replace(/\{\{(\w+)\}\}/g, (_, slot: string) => {
    const value = values[slot];
    if (value === undefined) throw new Error(`Mail slot "${slot}" has no value.`);
    return escape(value);
  });
}

/** Subject, HTML and text of one message; values are escaped for HTML, left as they are in text. */
export async function renderMail(
  template: MailTemplate,
  locale: Locale,
  values: Record<string, string>,
): Promise<RenderedMail> {
  const wording = catalog[template][locale];
  const subject = fillSlots(wording.subject, values, (s) => s.replace(/[\r\n]+/g, ' '));
  const html = fillSlots(await compiledTemplate(template, locale), { ...values, subject }, escapeHtml);
  return { subject, html, text: fillSlots(wording.text, values, (s) => s) };
}
