import { Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useLocaleState, useTranslate } from 'react-admin';
import { formatDateTime } from '../common/DateTimeField';
import type { ActivityInFlight, PendingTimer } from '../types';

/** The durable timers the process is waiting on. */
export function TimersPanel({ timers, eventLabel }: { timers: PendingTimer[]; eventLabel: (type: string) => string }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  if (timers.length === 0)
    return <Typography color="text.secondary">{translate('vinculo.instance.noTimers')}</Typography>;
  return (
    <Table size="small" data-testid="timers">
      <TableHead>
        <TableRow>
          <TableCell>{translate('vinculo.instance.event')}</TableCell>
          <TableCell>{translate('vinculo.instance.dueAt')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {timers.map((t, i) => (
          <TableRow key={t.id ?? `${t.event}-${i}`}>
            <TableCell title={t.event}>{eventLabel(t.event)}</TableCell>
            <TableCell>{formatDateTime(t.dueAt, locale)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** Activities running now, with their retry attempt and the last failure Temporal saw. */
export function ActivitiesPanel({ activities }: { activities: ActivityInFlight[] }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  if (activities.length === 0) {
    return <Typography color="text.secondary">{translate('vinculo.instance.noActivities')}</Typography>;
  }
  return (
    <Table size="small" data-testid="activities">
      <TableHead>
        <TableRow>
          <TableCell>{translate('vinculo.instance.activity')}</TableCell>
          <TableCell>{translate('vinculo.instance.attempt')}</TableCell>
          <TableCell>{translate('vinculo.instance.since')}</TableCell>
          <TableCell>{translate('vinculo.instance.lastFailure')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {activities.map((a, i) => (
          <TableRow key={a.id ?? `${a.name}-${i}`}>
            <TableCell>{a.name}</TableCell>
            <TableCell>{a.attempt ?? ''}</TableCell>
            <TableCell>{formatDateTime(a.since, locale)}</TableCell>
            <TableCell sx={{ color: a.lastFailure ? 'error.main' : undefined, wordBreak: 'break-word' }}>
              {a.lastFailure ?? ''}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
