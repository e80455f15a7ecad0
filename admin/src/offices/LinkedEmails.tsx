import AddIcon from '@mui/icons-material/Add';
import { Box, Chip, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import {
  Button,
  useDataProvider,
  useNotify,
  usePermissions,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import type { VinculoDataProvider } from '../dataProvider';

/** The office's linked e-mails, each removable, and a field to add one (operators and admins). */
export function LinkedEmails() {
  const record = useRecordContext<{ id: string; linkedEmails: string[] }>();
  const { permissions } = usePermissions<string>();
  const dataProvider = useDataProvider<VinculoDataProvider>();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [email, setEmail] = useState('');
  if (!record) return null;
  const canEdit = permissions !== 'auditor';
  const run = async (action: () => Promise<unknown>) => {
    try {
      await action();
      setEmail('');
      refresh();
    } catch (err) {
      notify(err instanceof Error ? err.message : String(err), { type: 'error' });
    }
  };
  return (
    <Box data-testid="linked-emails">
      <Typography variant="caption" color="text.secondary">
        {translate('vinculo.offices.linkedEmailsHelp')}
      </Typography>
      <Stack direction="row" spacing={1} sx={{ my: 1, flexWrap: 'wrap' }}>
        {record.linkedEmails.length === 0 && <Typography>{translate('vinculo.offices.noLinkedEmails')}</Typography>}
        {record.linkedEmails.map((address) => (
          <Chip
            key={address}
            label={address}
            onDelete={canEdit ? () => run(() => dataProvider.removeLinkedEmail(record.id, address)) : undefined}
            aria-label={translate('vinculo.offices.removeLinkedEmail', { email: address })}
          />
        ))}
      </Stack>
      {canEdit && (
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <TextField
            size="small"
            type="email"
            label={translate('vinculo.offices.newLinkedEmail')}
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
          <Button
            label="vinculo.offices.addLinkedEmail"
            disabled={!email.trim()}
            onClick={() => run(() => dataProvider.addLinkedEmail(record.id, email.trim()))}
          >
            <AddIcon />
          </Button>
        </Stack>
      )}
    </Box>
  );
}
