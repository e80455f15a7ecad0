// Rendered e-mails per second, per template: subject, MJML-compiled HTML (compiled once per
// template and locale, then cached) and text, with every slot filled.
import { mailTemplates } from '../domain/mail/catalog.js';
import { renderMail } from '../domain/mail/render.js';

export interface EmailFigure {
  template: string;
  firstMs: number;
  perSecond: number;
}

/** Values for every slot a template has, found by rendering until no slot is missing. */
async function slotValues(template: (typeof mailTemplates)[number]): Promise<Record<string, string>> {
  const values: Record<string, string> = {};
  for (;;) {
    try {
      await renderMail(template, 'pt-BR', values);
      await renderMail(template, 'en', values);
      return values;
    } catch (err) {
      const slot = /Mail slot "(\w+)"/.exec((err as Error).message)?.[1];
      if (!slot) throw err;
      // Characters that need escaping, as names and addresses have.
      values[slot] = `Ana & Cia <${slot}>`;
    }
  }
}

export async function runEmail(o: { messages: number }): Promise<EmailFigure[]> {
  const figures: EmailFigure[] = [];
  for (const template of mailTemplates) {
    const t0 = performance.now();
    const values = await slotValues(template);
    const firstMs = performance.now() - t0;
    const started = performance.now();
    for (let i = 0; i < o.messages; i += 1) await renderMail(template, i % 2 ? 'en' : 'pt-BR', values);
    figures.push({ template, firstMs, perSecond: o.messages / ((performance.now() - started) / 1000) });
  }
  return figures;
}
