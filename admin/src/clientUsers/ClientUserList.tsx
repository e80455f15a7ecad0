import {
  AutocompleteInput,
  BooleanField,
  Datagrid,
  List,
  ReferenceField,
  ReferenceInput,
  SearchInput,
  TextField,
  TextInput,
} from 'react-admin';
import { InstanceLinkField } from '../common/InstanceLinkField';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <ReferenceInput key="companyId" source="companyId" reference="companies">
    <AutocompleteInput optionText="name" filterToQuery={(q: string) => ({ q })} />
  </ReferenceInput>,
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
