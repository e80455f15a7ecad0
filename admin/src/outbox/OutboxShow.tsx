import { Box, Typography } from '@mui/material';
import { Show, SimpleShowLayout, TextField, TopToolbar, useRecordContext, useTranslate } from 'react-admin';
import { DateTimeField } from '../common/DateTimeField';
import { InstanceLinkField } from '../common/InstanceLinkField';
import { ResendButton } from './ResendButton';

/**
 * The mail as the recipient sees it. The HTML is rendered in an iframe sandboxed without
 * scripts or same-origin rights, so a template cannot reach the console's session.
 */
function MailPreview() {
  const record = useRecordContext();
  const translate = useTranslate();
  const html = typeof record?.html === 'string' ? record.html : '';
  if (!html) return null;
  return (
    <Box sx={{ width: '100%' }}>
      <Typography variant="subtitle2" gutterBottom>
        {translate('vinculo.outbox.preview')}
      </Typography>
      <Box
        component="iframe"
        title={translate('vinculo.outbox.preview')}
        sandbox=""
        srcDoc={html}
        sx={{ width: '100%', height: 600, border: 1, borderColor: 'divider', borderRadius: 1, bgcolor: '#fff' }}
      />
    </Box>
  );
}

/** One e-mail: its metadata, its rendered HTML and a way to send it again. */
export function OutboxShow() {
  return (
    <Show
      actions={
        <TopToolbar>
          <ResendButton />
        </TopToolbar>
      }
    >
      <SimpleShowLayout>
        <TextField source="to" />
        <TextField source="subject" />
        <TextField source="template" />
        <TextField source="locale" />
        <TextField source="status" />
        <InstanceLinkField source="instanceId" />
        <DateTimeField source="createdAt" />
        <DateTimeField source="sentAt" />
        <MailPreview />
      </SimpleShowLayout>
    </Show>
  );
}
