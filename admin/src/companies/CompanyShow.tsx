import { Datagrid, Labeled, ReferenceField, ReferenceManyField, Show, SimpleShowLayout, TextField } from 'react-admin';
import { CompanyCertificate } from './CompanyCertificate';
import { InstanceLinkField } from '../common/InstanceLinkField';
import { ConnectionsPanel } from '../connectionRequests/ConnectionsPanel';

/** A company with its users and certificates. */
export function CompanyShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="name" />
        <TextField source="cnpj" />
        <ReferenceField source="officeId" reference="offices" link="show" />
        <ReferenceManyField label="resources.clientUsers.name" reference="clientUsers" target="companyId">
          <Datagrid rowClick="show" bulkActionButtons={false}>
            <TextField source="name" />
            <TextField source="email" />
            <TextField source="status" />
            <InstanceLinkField source="instanceId" />
          </Datagrid>
        </ReferenceManyField>
        <ConnectionsPanel target="companyId" label="vinculo.connections.title" />
        <Labeled label="resources.certificates.name">
          <CompanyCertificate />
        </Labeled>
      </SimpleShowLayout>
    </Show>
  );
}
