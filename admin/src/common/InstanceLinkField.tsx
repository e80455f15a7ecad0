import { useGetManyAggregate, useRecordContext, type FieldProps } from 'react-admin';
import { NamedLink } from './NamedLink';
import type { InstanceRecord } from '../types';

/**
 * A link to the process behind a row (`instanceId`), named by whom it is about; the id shows on
 * hover. The rows of a page ask for their processes in one request.
 */
export function InstanceLinkField({ source = 'instanceId' }: FieldProps) {
  const record = useRecordContext();
  const raw = record?.[source];
  const id = raw === undefined || raw === null || raw === '' ? undefined : String(raw);
  const { data } = useGetManyAggregate<InstanceRecord>('instances', { ids: id ? [id] : [] }, { enabled: !!id });
  if (!id) return null;
  const label = data?.find((r) => r.id === id)?.label;
  return (
    <NamedLink resource="instances" id={id}>
      {label ?? id}
    </NamedLink>
  );
}
