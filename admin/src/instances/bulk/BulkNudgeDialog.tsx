import { useCallback, useState } from 'react';
import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  LinearProgress,
  MenuItem,
  Stack,
  TextField,
} from '@mui/material';
import { useTranslate, type Identifier } from 'react-admin';
import type { MachineEvent } from '../../types';
import { PayloadEditor } from '../nudge/PayloadEditor';
import type { PayloadResult } from '../nudge/payload';
import { BulkResults } from './BulkResults';
import { useBulkNudge } from './useBulkNudge';

interface Props {
  ids: Identifier[];
  events: { event: MachineEvent; label: string }[];
  onClose: (applied: boolean) => void;
}

/** Choose an event, payload and reason; dry-run it on every selected process, then apply. */
export function BulkNudgeDialog({ ids, events, onClose }: Props) {
  const translate = useTranslate();
  const [type, setType] = useState(events[0]?.event.type ?? '');
  const [payload, setPayload] = useState<PayloadResult>({ ok: true, payload: undefined });
  const [reason, setReason] = useState('');
  const bulk = useBulkNudge(ids);
  const chosen = events.find((e) => e.event.type === type)?.event;
  const busy = bulk.phase === 'dryRunning' || bulk.phase === 'applying';
  const ready = chosen !== undefined && payload.ok && reason.trim() !== '' && !busy;
  const request = () => ({ type, payload: payload.ok ? payload.payload : undefined, reason: reason.trim() });
  const accepted = bulk.results.filter((r) => r.ok).length;

  // Any change to what would be sent makes the last dry run meaningless.
  const { reset } = bulk;
  const edit =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      reset();
    };
  const onPayload = useCallback(
    (value: PayloadResult) => {
      setPayload(value);
      reset();
    },
    [reset],
  );

  return (
    <Dialog open onClose={() => !busy && onClose(bulk.phase === 'applied')} fullWidth maxWidth="md">
      <DialogTitle>{translate('vinculo.bulk.title', { smart_count: ids.length })}</DialogTitle>
      <DialogContent>
        {events.length === 0 ? (
          <Alert severity="info">{translate('vinculo.bulk.noEvents')}</Alert>
        ) : (
          <Stack spacing={2} sx={{ pt: 1 }}>
            <TextField
              select
              label={translate('vinculo.instance.event')}
              value={type}
              onChange={(e) => edit(setType)(e.target.value)}
              disabled={busy}
            >
              {events.map(({ event, label }) => (
                <MenuItem key={event.type} value={event.type}>
                  {label}
                </MenuItem>
              ))}
            </TextField>
            <PayloadEditor key={type} schema={chosen?.payloadSchema} onChange={onPayload} />
            <TextField
              label={translate('vinculo.nudge.reason')}
              helperText={translate('vinculo.nudge.reasonHelp')}
              value={reason}
              onChange={(e) => edit(setReason)(e.target.value)}
              required
              multiline
              disabled={busy}
            />
            {bulk.phase === 'idle' && <Alert severity="info">{translate('vinculo.bulk.dryRunFirst')}</Alert>}
            {busy && (
              <LinearProgress
                variant={bulk.phase === 'applying' ? 'determinate' : 'indeterminate'}
                value={bulk.total ? (100 * bulk.done) / bulk.total : 0}
              />
            )}
            <BulkResults results={bulk.results} applied={bulk.phase === 'applied' || bulk.phase === 'applying'} />
          </Stack>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={() => onClose(bulk.phase === 'applied')} disabled={busy}>
          {translate('ra.action.close')}
        </Button>
        <Button onClick={() => bulk.dryRun(request())} disabled={!ready || bulk.phase === 'applied'}>
          {translate('vinculo.bulk.dryRun')}
        </Button>
        <Button
          variant="contained"
          onClick={() => bulk.apply(request())}
          disabled={!ready || bulk.phase !== 'dryRun' || accepted === 0}
        >
          {translate('vinculo.bulk.apply')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
