import { Datagrid, List, ReferenceField, SearchInput, TextField, TextInput } from 'react-admin';
import { referenceFilter } from '../common/referenceFilter';
import { DateTimeField } from '../common/DateTimeField';
import { InstanceLinkField } from '../common/InstanceLinkField';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  referenceFilter('companyId', 'companies'),
  <TextInput key="status" source="status" />,
];

/** The companies' digital certificates, soonest expiry first. */
export function CertificateList() {
  return (
    <List filters={filters} sort={{ field: 'notAfter', order: 'ASC' }}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <ReferenceField source="companyId" reference="companies" link="show" />
        <TextField source="subject" />
        <TextField source="cnpj" />
        <DateTimeField source="notAfter" />
        <TextField source="status" />
        <InstanceLinkField source="instanceId" />
      </Datagrid>
    </List>
  );
}
