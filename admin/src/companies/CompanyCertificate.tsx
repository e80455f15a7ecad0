import { useState } from 'react';
import { Box, Button as MuiButton, TextField as MuiTextField, Typography } from '@mui/material';
import { useGetOne, useNotify, useRecordContext, useTranslate } from 'react-admin';
import { apiUrl, httpClient } from '../httpClient';

interface CertificateView {
  current: { validUntil: string } | null;
  state: string | null;
  invoicingBlocked: boolean;
}

/** The company's certificate: its validity, and an upload for operators (reason required, audited). */
export function CompanyCertificate() {
  const company = useRecordContext<{ id: string }>();
  const translate = useTranslate();
  const notify = useNotify();
  const { data, refetch } = useGetOne<CertificateView & { id: string }>(
    'certificates',
    { id: company?.id ?? '' },
    { enabled: Boolean(company?.id) },
  );
  const [file, setFile] = useState<File | null>(null);
  const [password, setPassword] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  if (!company) return null;

  const send = async () => {
    if (!file) return;
    const form = new FormData();
    form.append('companyId', company.id);
    form.append('password', password);
    form.append('reason', reason);
    form.append('file', file);
    setBusy(true);
    try {
      await httpClient(`${apiUrl}/certificates`, { method: 'POST', body: form });
      notify('resources.certificates.uploaded', { type: 'success' });
      setPassword('');
      await refetch();
    } catch (error) {
      notify(error instanceof Error ? error.message : String(error), { type: 'error' });
    } finally {
      setBusy(false);
    }
  };

  const until = data?.current?.validUntil;
  return (
    <Box data-testid="company-certificate" sx={{ display: 'grid', gap: 1, maxWidth: 480 }}>
      <Typography data-testid="certificate-validity">
        {until
          ? translate('resources.certificates.validUntil', { date: new Date(until).toLocaleString() })
          : translate('resources.certificates.none')}
      </Typography>
      {data?.invoicingBlocked && (
        <Typography color="error" data-testid="invoicing-blocked">
          {translate('resources.certificates.fields.invoicingBlocked')}
        </Typography>
      )}
      <input type="file" accept=".pfx,.p12" aria-label="PFX" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      <MuiTextField
        size="small"
        type="password"
        label={translate('resources.certificates.fields.password')}
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      <MuiTextField
        size="small"
        label={translate('resources.certificates.fields.reason')}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
      <MuiButton variant="contained" disabled={busy || !file || !password || reason.trim().length < 3} onClick={send}>
        {translate('resources.certificates.upload')}
      </MuiButton>
    </Box>
  );
}
