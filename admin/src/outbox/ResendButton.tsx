import SendIcon from '@mui/icons-material/Send';
import { useDataProvider, useNotify, usePermissions, useRecordContext, useRefresh } from 'react-admin';
import { ReasonActionButton } from '../common/ReasonActionButton';
import type { VinculoDataProvider } from '../dataProvider';

/** Sends a copy of the e-mail, with the reason the audit log keeps; auditors do not see it. */
export function ResendButton() {
  const record = useRecordContext();
  const { permissions } = usePermissions<string>();
  const dataProvider = useDataProvider<VinculoDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  if (!record || permissions === 'auditor') return null;
  return (
    <ReasonActionButton
      label="vinculo.outbox.resend"
      title="vinculo.outbox.resendTitle"
      icon={<SendIcon />}
      onConfirm={async (reason) => {
        await dataProvider.resendMail(record.id, reason);
        notify('vinculo.outbox.resent', { type: 'success' });
        refresh();
      }}
    />
  );
}
