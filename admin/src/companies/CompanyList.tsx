import { AutocompleteInput, Datagrid, List, ReferenceField, ReferenceInput, SearchInput, TextField } from 'react-admin';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <ReferenceInput key="officeId" source="officeId" reference="offices">
    <AutocompleteInput optionText="name" filterToQuery={(q: string) => ({ q })} />
  </ReferenceInput>,
];

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
