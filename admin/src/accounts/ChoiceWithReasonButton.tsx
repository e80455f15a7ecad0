import { useState, type ReactElement } from 'react';
import { Dialog, DialogActions, DialogContent, DialogTitle, MenuItem, TextField } from '@mui/material';
import { Button, useNotify, useTranslate } from 'react-admin';
import { ReasonField } from '../common/ReasonField';

interface Props {
  label: string;
  title: string;
  icon: ReactElement;
  choiceLabel: string;
  choices: Array<{ id: string; name: string }>;
  onConfirm: (choice: string, reason: string) => Promise<void>;
}

/** An audited change that picks one value (a status, a plan) and says why; the API's refusal is shown as is. */
export function ChoiceWithReasonButton({ label, title, icon, choiceLabel, choices, onConfirm }: Props) {
  const translate = useTranslate();
  const notify = useNotify();
  const [open, setOpen] = useState(false);
  const [choice, setChoice] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const close = () => {
    setOpen(false);
    setChoice('');
    setReason('');
  };
  const confirm = async () => {
    setBusy(true);
    try {
      await onConfirm(choice, reason.trim());
      close();
    } catch (error) {
      notify(error instanceof Error ? error.message : String(error), { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button label={label} onClick={() => setOpen(true)} disabled={choices.length === 0}>
        {icon}
      </Button>
      <Dialog open={open} onClose={close} fullWidth maxWidth="sm">
        <DialogTitle>{translate(title)}</DialogTitle>
        <DialogContent>
          <TextField
            select
            label={translate(choiceLabel)}
            value={choice}
            onChange={(e) => setChoice(e.target.value)}
            fullWidth
            margin="dense"
          >
            {choices.map((c) => (
              <MenuItem key={c.id} value={c.id}>
                {c.name}
              </MenuItem>
            ))}
          </TextField>
          <ReasonField value={reason} onChange={setReason} />
        </DialogContent>
        <DialogActions>
          <Button label="ra.action.cancel" onClick={close} />
          <Button
            label={label}
            onClick={confirm}
            disabled={busy || choice === '' || reason.trim().length < 3}
            variant="contained"
          />
        </DialogActions>
      </Dialog>
    </>
  );
}
