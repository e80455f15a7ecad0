import { describe, expect, it } from 'vitest';
import { mailLocales, mailTemplates } from '../../domain/mail/catalog.js';
import { compileTemplate, renderMail } from '../../domain/mail/render.js';

// Messages to a company or to whoever holds an address (the alert digest: the configured
// recipients), not to a person the directory names.
const addressedToNoName = new Set([
  'hiringLink',
  'connectionApproval',
  'connectionInvitation',
  'passwordReset',
  'alertDigest',
]);

describe('mail templates', () => {
  for (const template of mailTemplates) {
    for (const locale of mailLocales) {
      it(`${template}.${locale} passes MJML's strict validation`, async () => {
        const html = await compileTemplate(template, locale);
        if (!addressedToNoName.has(template)) expect(html).toContain('{{name}}');
        else expect(html).not.toContain('{{name}}');
        // Templates that carry a portal link must keep its slot; the office notices carry none.
        if (['registration', 'accountLink', 'passwordReset'].includes(template)) expect(html).toContain('{{link}}');
      });
    }
  }

  it('escapes values in HTML, keeps them in text, and keeps the subject on one line', async () => {
    const mail = await renderMail('registration', 'fr', {
      name: '<script>alert(1)</script>',
      officeName: 'A & B\r\nBcc: x@y.z',
      companyName: 'Société "Z"',
      email: 'a@b.com',
      link: 'http://localhost/portal/register?token=a.b&x=1',
    });
    expect(mail.html).not.toContain('<script>alert(1)</script>');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.html).toContain('href="http://localhost/portal/register?token=a.b&amp;x=1"');
    expect(mail.subject).toBe('Votre accès au portail de A & B Bcc: x@y.z');
    expect(mail.text).toContain('<script>alert(1)</script>');
    expect(mail.html).toContain('lang="fr"');
  });

  it('refuses to render with a missing value', async () => {
    await expect(renderMail('accountLink', 'en', { name: 'x' })).rejects.toThrow(/has no value/);
  });
});
