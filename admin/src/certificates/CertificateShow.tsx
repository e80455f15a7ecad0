import { ArrayField, BooleanField, Datagrid, Show, SimpleShowLayout, TextField } from 'react-admin';
import { DateTimeField } from '../common/DateTimeField';
import { InstanceLinkField } from '../common/InstanceLinkField';

/** A company's current certificate, every certificate it had, and its renewal process. */
export function CertificateShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="companyName" />
        <TextField source="cnpj" />
        <TextField source="state" />
        <BooleanField source="invoicingBlocked" />
        <TextField source="current.subject" label="resources.certificates.fields.subject" emptyText="—" />
        <TextField source="current.issuer" label="resources.certificates.fields.issuer" emptyText="—" />
        <TextField source="current.serialNumber" label="resources.certificates.fields.serialNumber" emptyText="—" />
        <DateTimeField source="current.validFrom" label="resources.certificates.fields.validFrom" emptyText="—" />
        <DateTimeField source="current.validUntil" label="resources.certificates.fields.validUntil" emptyText="—" />
        <TextField
          source="current.sha256Fingerprint"
          label="resources.certificates.fields.sha256Fingerprint"
          emptyText="—"
          sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}
        />
        <InstanceLinkField source="instanceId" />
        <ArrayField source="history">
          <Datagrid bulkActionButtons={false} rowClick={false}>
            <TextField source="status" />
            <DateTimeField source="uploadedAt" />
            <TextField source="uploadedBy" />
            <DateTimeField source="validUntil" emptyText="—" />
            <TextField source="serialNumber" emptyText="—" />
            <TextField source="failureMessage" emptyText="—" />
          </Datagrid>
        </ArrayField>
      </SimpleShowLayout>
    </Show>
  );
}
