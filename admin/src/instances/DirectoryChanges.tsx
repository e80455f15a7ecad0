import { Datagrid, Pagination, ReferenceManyField, TextField, useRecordContext } from 'react-admin';
import { DateTimeField } from '../common/DateTimeField';
import type { InstanceRecord } from '../types';

// The audit log names directory records by their table; a process names its entity by kind.
const auditTableOf: Record<string, string> = {
  clientUser: 'clientUsers',
  officeUser: 'officeUsers',
  company: 'companies',
};

/**
 * What operators changed on the record this process is about (an e-mail corrected, a user
 * deactivated), from the audit log, so the timeline's events can be read beside their cause.
 */
export function DirectoryChanges() {
  const record = useRecordContext<InstanceRecord>();
  const table = record ? auditTableOf[record.entityType] : undefined;
  if (!record || !table) return null;
  return (
    <ReferenceManyField
      reference="audit"
      target="target"
      record={{ ...record, id: `${table}:${record.entityId}` }}
      sort={{ field: 'id', order: 'ASC' }}
      perPage={25}
      pagination={<Pagination rowsPerPageOptions={[25, 50]} />}
    >
      <Datagrid bulkActionButtons={false} rowClick={false} data-testid="directory-changes">
        <TextField source="action" />
        <TextField source="actor" />
        <TextField source="reason" />
        <DateTimeField source="at" />
      </Datagrid>
    </ReferenceManyField>
  );
}
