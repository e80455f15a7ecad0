import polyglotI18nProvider from 'ra-i18n-polyglot';
import englishMessages from 'ra-language-english';
import frenchMessages from 'ra-language-french';
import { mergeTranslations, type TranslationMessages } from 'react-admin';
import { defaultLocale, locales as localeCodes, type Locale } from '../../../domain/settings.js';
import type { Label } from '../types';
import { en } from './en';
import { fr } from './fr';
import { ptBR } from './pt-BR';
import { raPortuguese } from './ra-pt-BR';

// The languages are the project's one list (domain/settings.ts); a language added there fails
// type-checking here until it has a name and a catalogue.
const localeNames: Record<Locale, string> = { 'pt-BR': 'Português (Brasil)', en: 'English', fr: 'Français' };

export const locales = localeCodes.map((locale) => ({ locale, name: localeNames[locale] }));

export type LocaleCode = Locale;

// Operators sign in with their e-mail, so the login form's "username" says so.
const loginAsEmail = (word: string) => ({ ra: { auth: { username: word } } });

const catalogs: Record<LocaleCode, TranslationMessages> = {
  'pt-BR': mergeTranslations(raPortuguese, ptBR),
  en: mergeTranslations(englishMessages, en, loginAsEmail('E-mail')),
  fr: mergeTranslations(frenchMessages, fr, loginAsEmail('E-mail')),
};

const isLocale = (locale: string): locale is LocaleCode => locale in catalogs;

export const i18nProvider = polyglotI18nProvider(
  (locale) => (isLocale(locale) ? catalogs[locale] : catalogs[defaultLocale]),
  defaultLocale,
  [...locales],
  { allowMissing: true },
);

/** A machine's label in the console's language, English when that language is missing. */
export function pickLabel(label: Label | undefined, locale: string, fallback = ''): string {
  if (!label) return fallback;
  const localized = isLocale(locale) ? label[locale] : undefined;
  return localized ?? label.en ?? fallback;
}
