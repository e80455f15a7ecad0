import { useState, type ReactElement, type ReactNode } from 'react';
import { Dialog, DialogActions, DialogContent, DialogTitle } from '@mui/material';
import { Button, useTranslate } from 'react-admin';
import { ReasonField } from './ReasonField';
import { useRefusalNotice } from './useRefusalNotice';

interface Props {
  label: string;
  title: string;
  icon: ReactElement;
  /** Does the work; what it returns, if anything, stays on screen until the dialog is closed. */
  onConfirm: (reason: string) => Promise<ReactNode | void>;
}

/** A button for an audited action: it asks why (required), acts, and can show a result once. */
export function ReasonActionButton({ label, title, icon, onConfirm }: Props) {
  const translate = useTranslate();
  const { busy, run } = useRefusalNotice();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [result, setResult] = useState<ReactNode>();

  const close = () => {
    setOpen(false);
    setReason('');
    setResult(undefined);
  };
  const confirm = async () => {
    const outcome = await run(async () => ({ shown: await onConfirm(reason.trim()) }));
    if (!outcome) return;
    if (outcome.shown) setResult(outcome.shown);
    else close();
  };
  return (
    <>
      <Button label={label} onClick={() => setOpen(true)}>
        {icon}
      </Button>
      <Dialog open={open} onClose={close} fullWidth maxWidth="sm">
        <DialogTitle>{translate(title)}</DialogTitle>
        <DialogContent>{result ?? <ReasonField value={reason} onChange={setReason} />}</DialogContent>
        <DialogActions>
          <Button label={result ? 'ra.action.close' : 'ra.action.cancel'} onClick={close} />
          {!result && (
            <Button label={label} onClick={confirm} disabled={busy || reason.trim() === ''} variant="contained" />
          )}
        </DialogActions>
      </Dialog>
    </>
  );
}
