import { Datagrid, NumberField, Pagination, ReferenceManyField, TextField } from 'react-admin';
import { DateTimeField } from '../common/DateTimeField';
import { StateField } from '../machines/MachineFields';

/** The process's applied transitions, oldest first, as the projection recorded them. */
export function TransitionTimeline({ machine }: { machine: string }) {
  return (
    <ReferenceManyField
      reference="transitions"
      target="instanceId"
      sort={{ field: 'seq', order: 'ASC' }}
      perPage={50}
      pagination={<Pagination rowsPerPageOptions={[50, 100, 250]} />}
    >
      <Datagrid bulkActionButtons={false} rowClick={false} data-testid="timeline">
        <NumberField source="seq" />
        <StateField source="from" machine={machine} />
        <StateField source="to" machine={machine} />
        <TextField source="event" />
        <TextField source="actor" />
        <TextField source="reason" />
        <DateTimeField source="at" />
      </Datagrid>
    </ReferenceManyField>
  );
}
