import { useRecordContext, type FieldProps } from 'react-admin';
import { NamedLink } from '../common/NamedLink';
import type { InstanceRecord } from '../types';

// The console's page for each kind of entity a process is about, where one exists.
const resourceOf: Record<string, string> = {
  clientUser: 'clientUsers',
  officeUser: 'officeUsers',
  company: 'companies',
  connectionRequest: 'connectionRequests',
};

/** Whom or what a process is about, by name and e-mail, linking to its page. */
export function EntityLabelField(_props: FieldProps) {
  const record = useRecordContext<InstanceRecord>();
  if (!record) return null;
  return (
    <NamedLink resource={resourceOf[record.entityType]} id={record.entityId}>
      {record.label ?? record.entityId}
    </NamedLink>
  );
}

/** The process's office by name, linking to the office's page. */
export function OfficeNameField(_props: FieldProps) {
  const record = useRecordContext<InstanceRecord>();
  if (!record?.officeId) return <span>—</span>;
  return (
    <NamedLink resource="offices" id={record.officeId}>
      {record.officeName ?? record.officeId}
    </NamedLink>
  );
}
