import { Datagrid, ReferenceField, ReferenceManyField, Show, SimpleShowLayout, TextField } from 'react-admin';
import { DateTimeField } from '../common/DateTimeField';
import { InstanceLinkField } from '../common/InstanceLinkField';

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
        <ReferenceManyField label="resources.certificates.name" reference="certificates" target="companyId">
          <Datagrid rowClick="show" bulkActionButtons={false}>
            <TextField source="subject" />
            <DateTimeField source="notAfter" />
            <TextField source="status" />
            <InstanceLinkField source="instanceId" />
          </Datagrid>
        </ReferenceManyField>
      </SimpleShowLayout>
    </Show>
  );
}
