import { Datagrid, List, ReferenceField, SearchInput, TextField } from 'react-admin';
import { referenceFilter } from '../common/referenceFilter';

const filters = [<SearchInput key="q" source="q" alwaysOn />, referenceFilter('officeId', 'offices')];

/** Client companies of the offices. */
export function CompanyList() {
  return (
    <List filters={filters} sort={{ field: 'name', order: 'ASC' }}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="name" />
        <TextField source="cnpj" />
        <ReferenceField source="officeId" reference="offices" link="show" />
      </Datagrid>
    </List>
  );
}
