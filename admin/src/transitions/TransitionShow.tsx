import { NumberField, Show, SimpleShowLayout, TextField } from 'react-admin';
import { DateTimeField } from '../common/DateTimeField';
import { InstanceLinkField } from '../common/InstanceLinkField';

/** One applied transition. */
export function TransitionShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <InstanceLinkField source="instanceId" />
        <NumberField source="seq" />
        <TextField source="from" />
        <TextField source="to" />
        <TextField source="event" />
        <TextField source="actor" />
        <TextField source="reason" />
        <DateTimeField source="at" />
      </SimpleShowLayout>
    </Show>
  );
}
