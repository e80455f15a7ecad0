import KeyIcon from '@mui/icons-material/Key';
import { Alert, Stack, TextField } from '@mui/material';
import { useDataProvider, usePermissions, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { ReasonActionButton } from '../common/ReasonActionButton';
import type { VinculoDataProvider } from '../dataProvider';

/** Issues the token the office's agent sends with its heartbeats; it is shown this once. */
export function AgentTokenButton() {
  const record = useRecordContext();
  const { permissions } = usePermissions<string>();
  const dataProvider = useDataProvider<VinculoDataProvider>();
  const translate = useTranslate();
  const refresh = useRefresh();
  if (!record || permissions === 'auditor') return null;
  return (
    <ReasonActionButton
      label="vinculo.offices.agentToken"
      title="vinculo.offices.agentTokenTitle"
      icon={<KeyIcon />}
      onConfirm={async (reason) => {
        const { token } = await dataProvider.issueAgentToken(record.id, reason);
        refresh();
        return (
          <Stack spacing={2} sx={{ mt: 1 }}>
            <Alert severity="warning">{translate('vinculo.offices.agentTokenOnce')}</Alert>
            <TextField
              value={token}
              label="Token"
              fullWidth
              slotProps={{ input: { readOnly: true } }}
              onFocus={(e) => e.target.select()}
            />
          </Stack>
        );
      }}
    />
  );
}
