import { Chip } from '@mui/material';
import { useRecordContext, useTranslate, type FieldProps } from 'react-admin';

const colors: Record<string, 'default' | 'success' | 'error' | 'warning'> = {
  pending: 'warning',
  delivered: 'success',
  refused: 'error',
};

export const queuedStatusChoices = ['pending', 'delivered', 'refused'].map((id) => ({
  id,
  name: `vinculo.queuedStatus.${id}`,
}));

/** What became of a queued event, as a coloured chip. */
export function QueuedStatusField({ source = 'status' }: FieldProps) {
  const record = useRecordContext();
  const translate = useTranslate();
  const value = record ? String(record[source] ?? '') : '';
  if (!value) return null;
  return (
    <Chip
      size="small"
      color={colors[value] ?? 'default'}
      label={translate(`vinculo.queuedStatus.${value}`, { _: value })}
      data-status={value}
    />
  );
}
