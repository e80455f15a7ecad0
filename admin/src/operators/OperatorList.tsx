import { BooleanField, Datagrid, List, SearchInput, SelectField, TextField } from 'react-admin';
import { operatorRoleChoices } from '../common/choices';

const filters = [<SearchInput key="q" source="q" alwaysOn />];

/** The console's users; only administrators reach this list. */
export function OperatorList() {
  return (
    <List filters={filters} sort={{ field: 'email', order: 'ASC' }}>
      <Datagrid rowClick="edit" bulkActionButtons={false}>
        <TextField source="email" />
        <SelectField source="role" choices={operatorRoleChoices} />
        <BooleanField source="active" />
      </Datagrid>
    </List>
  );
}
