import { Chip } from '@mui/material';
import { useRecordContext, useTranslate, type FieldProps } from 'react-admin';

const colors: Record<string, 'default' | 'primary' | 'success' | 'error' | 'warning'> = {
  running: 'primary',
  completed: 'success',
  failed: 'error',
  cancelled: 'default',
  terminated: 'warning',
};

/** An instance status as a coloured chip. */
export function StatusField({ source = 'status' }: FieldProps) {
  const record = useRecordContext();
  const translate = useTranslate();
  const value = record ? String(record[source] ?? '') : '';
  if (!value) return null;
  return (
    <Chip size="small" color={colors[value] ?? 'default'} label={translate(`vinculo.status.${value}`, { _: value })} />
  );
}
