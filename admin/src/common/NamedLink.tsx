import type { MouseEvent, ReactNode } from 'react';
import { Link, useCreatePath } from 'react-admin';

/** A name that links to the record it names; the id shows on hover, one click from its page. */
export function NamedLink({
  resource,
  id,
  hint,
  children,
}: {
  resource?: string;
  id?: string | null;
  /** What shows on hover; the id unless given. */
  hint?: string;
  children: ReactNode;
}) {
  const createPath = useCreatePath();
  if (!id) return <span>{children}</span>;
  if (!resource) return <span title={hint ?? id}>{children}</span>;
  return (
    <Link
      to={createPath({ resource, id, type: 'show' })}
      title={hint ?? id}
      // Inside a clickable row, the link alone should act.
      onClick={(e: MouseEvent) => e.stopPropagation()}
    >
      {children}
    </Link>
  );
}
