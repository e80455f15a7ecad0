import { BooleanField, NumberField, Show, SimpleShowLayout, TextField } from 'react-admin';
import { DateTimeField } from '../common/DateTimeField';
import { InstanceLinkField } from '../common/InstanceLinkField';
import { QueuedStatusField } from './QueuedStatusField';

/** One queued event: for whom, from whom, and what became of it (why it was refused, or the last failure). */
export function QueuedEventShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="eventType" />
        <TextField source="subjectName" emptyText="—" />
        <TextField source="officeName" emptyText="—" />
        <TextField source="machine" emptyText="—" />
        <InstanceLinkField source="instanceId" />
        <TextField source="actorName" />
        <TextField source="reason" emptyText="—" />
        <BooleanField source="fromPortalLink" />
        <QueuedStatusField source="status" />
        <NumberField source="attempts" />
        <TextField source="lastError" emptyText="—" />
        <DateTimeField source="createdAt" />
        <DateTimeField source="nextAttemptAt" />
        <DateTimeField source="settledAt" />
        <TextField source="event" />
      </SimpleShowLayout>
    </Show>
  );
}
