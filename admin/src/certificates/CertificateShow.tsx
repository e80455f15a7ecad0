import { ReferenceField, Show, SimpleShowLayout, TextField } from 'react-admin';
import { DateTimeField } from '../common/DateTimeField';
import { InstanceLinkField } from '../common/InstanceLinkField';

/** One certificate and its renewal process. */
export function CertificateShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <ReferenceField source="companyId" reference="companies" link="show" />
        <TextField source="subject" />
        <TextField source="cnpj" />
        <DateTimeField source="notBefore" />
        <DateTimeField source="notAfter" />
        <TextField source="status" />
        <TextField source="fingerprint" sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }} />
        <InstanceLinkField source="instanceId" />
      </SimpleShowLayout>
    </Show>
  );
}
