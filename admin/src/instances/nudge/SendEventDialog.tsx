import { useState } from 'react';
import { Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField } from '@mui/material';
import { useDataProvider, useNotify, useRefresh, useTranslate, type Identifier } from 'react-admin';
import type { VinculoDataProvider } from '../../dataProvider';
import type { MachineDescription, MachineEvent } from '../../types';
import { OutcomePreview } from './OutcomePreview';
import { PayloadEditor } from './PayloadEditor';
import type { PayloadResult } from './payload';

interface Props {
  instanceId: Identifier;
  event: MachineEvent;
  eventLabel: string;
  machine?: MachineDescription;
  state: string;
  stateLabel: (path: string) => string;
  onClose: () => void;
}

/** Sends one event to one process, with a payload, a required reason and a preview. */
export function SendEventDialog({ instanceId, event, eventLabel, machine, state, stateLabel, onClose }: Props) {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useDataProvider<VinculoDataProvider>();
  const [payload, setPayload] = useState<PayloadResult>({ ok: true, payload: undefined });
  const [reason, setReason] = useState('');
  const [sending, setSending] = useState(false);
  const canSend = payload.ok && reason.trim() !== '' && !sending;

  const send = async () => {
    if (!payload.ok) return;
    setSending(true);
    try {
      const result = await dataProvider.sendEvent(instanceId, {
        type: event.type,
        payload: payload.payload,
        reason: reason.trim(),
      });
      notify('vinculo.nudge.sent', { type: 'success', messageArgs: { state: stateLabel(result.state) } });
      refresh();
      onClose();
    } catch (error) {
      notify(error instanceof Error ? error.message : String(error), { type: 'error' });
    } finally {
      setSending(false);
    }
  };

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="send-event-title">
      <DialogTitle id="send-event-title">{translate('vinculo.nudge.title', { event: eventLabel })}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <OutcomePreview machine={machine} state={state} event={event.type} stateLabel={stateLabel} />
          <PayloadEditor schema={event.payloadSchema} onChange={setPayload} />
          <TextField
            label={translate('vinculo.nudge.reason')}
            helperText={translate('vinculo.nudge.reasonHelp')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            required
            multiline
            fullWidth
          />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate('ra.action.cancel')}</Button>
        <Button variant="contained" onClick={send} disabled={!canSend}>
          {translate('vinculo.nudge.send')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
