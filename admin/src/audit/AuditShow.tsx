import { Show, SimpleShowLayout, TextField } from 'react-admin';
import { DateTimeField } from '../common/DateTimeField';
import { AuditTargetField } from './AuditTargetField';

const mono = { fontFamily: 'monospace', wordBreak: 'break-all' } as const;

/** One audit entry with the hashes that chain it to the previous one. */
export function AuditShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <DateTimeField source="at" />
        <TextField source="actor" />
        <TextField source="action" />
        <AuditTargetField source="target" />
        <TextField source="reason" />
        <TextField source="hash" sx={mono} />
        <TextField source="prevHash" sx={mono} />
      </SimpleShowLayout>
    </Show>
  );
}
