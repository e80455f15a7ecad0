import { Chip } from '@mui/material';
import { useRecordContext, useTranslate, type FieldProps } from 'react-admin';

type Tone = 'default' | 'primary' | 'success' | 'error' | 'warning';

/** What a link process's state means to an operator, and the colour it is shown in. */
export function linkHealth(state: string): { key: string; color: Tone } {
  if (state === 'linked' || state === 'linked.connected') return { key: 'connected', color: 'success' };
  if (state === 'linked.checkingConnection') return { key: 'checking', color: 'primary' };
  if (state.startsWith('linked.disconnected')) return { key: 'disconnected', color: 'warning' };
  if (['stepFailed', 'unlinkFailed', 'reminderFailed'].includes(state)) return { key: 'stuck', color: 'error' };
  if (['deactivated', 'expired', 'cancelled'].includes(state)) return { key: state, color: 'default' };
  return { key: 'pending', color: 'primary' };
}

/** An office user's link as a coloured chip: green connected, grey disconnected, red stuck, blue pending. */
export function LinkStatusField({ source = 'linkStatus' }: FieldProps) {
  const record = useRecordContext();
  const translate = useTranslate();
  const state = record ? String(record[source] ?? '') : '';
  if (!state) return null;
  const { key, color } = linkHealth(state);
  return (
    <Chip
      size="small"
      color={color}
      title={state}
      data-link-health={key}
      label={translate(`vinculo.linkHealth.${key}`, { _: key })}
    />
  );
}
