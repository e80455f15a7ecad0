import type { MouseEvent } from 'react';
import { Link, useCreatePath, useRecordContext, type FieldProps } from 'react-admin';

/** A link to the process behind a row (`instanceId`), opening its page. */
export function InstanceLinkField({ source = 'instanceId' }: FieldProps) {
  const record = useRecordContext();
  const createPath = useCreatePath();
  const id = record?.[source];
  if (id === undefined || id === null || id === '') return null;
  return (
    <Link
      to={createPath({ resource: 'instances', id: String(id), type: 'show' })}
      // Inside a clickable row, the link alone should act.
      onClick={(e: MouseEvent) => e.stopPropagation()}
    >
      {String(id)}
    </Link>
  );
}
