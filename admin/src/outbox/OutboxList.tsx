import { Datagrid, List, SearchInput, SelectInput, TextField, TextInput } from 'react-admin';
import { mailStatusChoices } from '../common/choices';
import { DateTimeField } from '../common/DateTimeField';
import { InstanceLinkField } from '../common/InstanceLinkField';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="status" source="status" choices={mailStatusChoices} />,
  <TextInput key="template" source="template" />,
  <TextInput key="instanceId" source="instanceId" />,
];

/** Every e-mail the processes sent or queued. */
export function OutboxList() {
  return (
    <List filters={filters} sort={{ field: 'createdAt', order: 'DESC' }}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="to" />
        <TextField source="subject" />
        <TextField source="template" />
        <TextField source="locale" />
        <TextField source="status" />
        <InstanceLinkField source="instanceId" />
        <DateTimeField source="createdAt" />
        <DateTimeField source="sentAt" />
      </Datagrid>
    </List>
  );
}
