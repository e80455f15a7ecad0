import { Datagrid, List, NumberField, SelectInput, TextField, TextInput } from 'react-admin';
import { DateTimeField } from '../common/DateTimeField';
import { QueuedStatusField, queuedStatusChoices } from './QueuedStatusField';

const filters = [
  <SelectInput key="status" source="status" choices={queuedStatusChoices} alwaysOn />,
  <TextInput key="eventType" source="eventType" />,
  <TextInput key="instanceId" source="instanceId" />,
];

/** Events queued for processes by people's steps and directory actions, and what became of each. */
export function QueuedEventList() {
  return (
    <List filters={filters} sort={{ field: 'createdAt', order: 'DESC' }}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="eventType" />
        <TextField source="subjectName" emptyText="—" />
        <TextField source="officeName" emptyText="—" />
        <TextField source="machine" emptyText="—" />
        <TextField source="actorName" />
        <QueuedStatusField source="status" />
        <NumberField source="attempts" />
        <TextField source="lastError" emptyText="" />
        <DateTimeField source="createdAt" />
        <DateTimeField source="settledAt" />
      </Datagrid>
    </List>
  );
}
