import { Datagrid, List, SearchInput, TextArrayField, TextField } from 'react-admin';
import { DateTimeField } from '../common/DateTimeField';

const filters = [<SearchInput key="q" source="q" alwaysOn />];

/** Accounting offices. */
export function OfficeList() {
  return (
    <List filters={filters} sort={{ field: 'name', order: 'ASC' }}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="name" />
        <TextField source="cnpj" />
        <TextArrayField source="linkedEmails" />
        <DateTimeField source="agentOnlineAt" />
      </Datagrid>
    </List>
  );
}
