import { BooleanField, Datagrid, List, SearchInput, SelectField, SelectInput, TextField } from 'react-admin';
import { referenceFilter } from '../common/referenceFilter';
import { connectionStateChoices, directionChoices } from '../common/choices';
import { DateTimeField } from '../common/DateTimeField';
import { InstanceLinkField } from '../common/InstanceLinkField';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="direction" source="direction" choices={directionChoices} />,
  <SelectInput key="state" source="state" choices={connectionStateChoices} />,
  referenceFilter('officeId', 'offices'),
  referenceFilter('companyId', 'companies'),
];

/** Requests to connect an office and a company, in either direction, with the names people read. */
export function ConnectionRequestList() {
  return (
    <List filters={filters} sort={{ field: 'createdAt', order: 'DESC' }}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <SelectField source="direction" choices={directionChoices} />
        <TextField source="officeName" sortable={false} />
        <TextField source="companyName" sortable={false} />
        <TextField source="email" sortable={false} />
        <SelectField source="state" choices={connectionStateChoices} />
        <BooleanField source="connected" sortable={false} />
        <DateTimeField source="createdAt" />
        <InstanceLinkField source="instanceId" />
      </Datagrid>
    </List>
  );
}
