import { DateField, useLocaleState, type DateFieldProps } from 'react-admin';

/** A date and time written the way the console's language writes them. */
export function DateTimeField(props: DateFieldProps) {
  const [locale] = useLocaleState();
  return <DateField showTime locales={locale} {...props} />;
}

/** Formats an ISO string outside of a record context (timers, charts). */
export function formatDateTime(iso: string | undefined | null, locale: string): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(locale);
}
