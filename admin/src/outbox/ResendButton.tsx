import { useState } from 'react';
import SendIcon from '@mui/icons-material/Send';
import { Button, useDataProvider, useNotify, usePermissions, useRecordContext, useRefresh } from 'react-admin';
import type { VinculoDataProvider } from '../dataProvider';

/** Queues the same e-mail again; auditors change nothing, so they do not see it. */
export function ResendButton() {
  const record = useRecordContext();
  const { permissions } = usePermissions<string>();
  const dataProvider = useDataProvider<VinculoDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [sending, setSending] = useState(false);
  if (!record || permissions === 'auditor') return null;

  const resend = async () => {
    setSending(true);
    try {
      await dataProvider.resendMail(record.id);
      notify('vinculo.outbox.resent', { type: 'success' });
      refresh();
    } catch (error) {
      notify(error instanceof Error ? error.message : String(error), { type: 'error' });
    } finally {
      setSending(false);
    }
  };
  return (
    <Button label="vinculo.outbox.resend" onClick={resend} disabled={sending}>
      <SendIcon />
    </Button>
  );
}
