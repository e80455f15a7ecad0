import { BooleanField, Datagrid, List, ReferenceField, SearchInput, TextField, TextInput } from 'react-admin';
import { referenceFilter } from '../common/referenceFilter';
import { InstanceLinkField } from '../common/InstanceLinkField';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  referenceFilter('companyId', 'companies'),
  <TextInput key="status" source="status" />,
];

/** Users of the client companies and their onboarding. */
export function ClientUserList() {
  return (
    <List filters={filters} sort={{ field: 'name', order: 'ASC' }}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="name" />
        <TextField source="email" />
        <TextField source="cpf" />
        <ReferenceField source="companyId" reference="companies" link="show" />
        <BooleanField source="portalAccess" />
        <TextField source="status" />
        <InstanceLinkField source="instanceId" />
      </Datagrid>
    </List>
  );
}
