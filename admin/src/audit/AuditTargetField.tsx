import { useGetManyAggregate, useRecordContext, type FieldProps } from 'react-admin';
import { NamedLink } from '../common/NamedLink';

// Audit targets read `<resource>:<id>`; these resources have a page and a name to show.
const named = new Set(['instances', 'clientUsers', 'officeUsers', 'offices', 'companies', 'operators']);

const nameOf = (record: Record<string, unknown> | undefined): string | undefined => {
  if (!record) return undefined;
  if (typeof record.label === 'string' && record.label) return record.label;
  const name = typeof record.name === 'string' ? record.name : undefined;
  const email = typeof record.email === 'string' ? record.email : undefined;
  return name && email ? `${name} <${email}>` : (name ?? email);
};

/** What an audit entry acted on, by name, linking to its page; the raw target shows on hover. */
export function AuditTargetField({ source = 'target' }: FieldProps) {
  const record = useRecordContext();
  const target = typeof record?.[source] === 'string' ? (record[source] as string) : '';
  const at = target.indexOf(':');
  const resource = at > 0 ? target.slice(0, at) : '';
  const id = at > 0 ? target.slice(at + 1) : '';
  const known = named.has(resource) && id !== '';
  const { data } = useGetManyAggregate(known ? resource : 'instances', { ids: known ? [id] : [] }, { enabled: known });
  if (!target) return null;
  const name = known ? nameOf(data?.find((r) => String(r.id) === id)) : undefined;
  if (!known || !name) return <span>{target}</span>;
  return (
    <NamedLink resource={resource} id={id} hint={target}>
      {name}
    </NamedLink>
  );
}
