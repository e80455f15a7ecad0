import { Datagrid, List, NumberField, TextField, TextInput } from 'react-admin';
import { DateTimeField } from '../common/DateTimeField';
import { InstanceLinkField } from '../common/InstanceLinkField';

const filters = [
  <TextInput key="instanceId" source="instanceId" alwaysOn />,
  <TextInput key="event" source="event" />,
  <TextInput key="actor" source="actor" />,
];

/** Applied transitions across processes; usually opened filtered by one instanceId. */
export function TransitionList() {
  return (
    <List filters={filters} sort={{ field: 'at', order: 'DESC' }} perPage={50}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <InstanceLinkField source="instanceId" />
        <NumberField source="seq" />
        <TextField source="from" />
        <TextField source="to" />
        <TextField source="event" />
        <TextField source="actor" />
        <TextField source="reason" />
        <DateTimeField source="at" />
      </Datagrid>
    </List>
  );
}
