import { Chip, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { BulkResult } from '../../types';

/** Per-process outcome of a dry run or of the applied nudge. */
export function BulkResults({ results, applied }: { results: BulkResult[]; applied: boolean }) {
  const translate = useTranslate();
  if (results.length === 0) return null;
  const ok = results.filter((r) => r.ok).length;
  return (
    <>
      <Typography variant="subtitle2" sx={{ mt: 2 }}>
        {translate('vinculo.bulk.summary', { ok, refused: results.length - ok })}
      </Typography>
      <Table size="small" data-testid="bulk-results">
        <TableHead>
          <TableRow>
            <TableCell>{translate('resources.instances.fields.id')}</TableCell>
            <TableCell />
            <TableCell>{translate('resources.instances.fields.state')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {results.map((r) => (
            <TableRow key={String(r.id)}>
              <TableCell>{String(r.id)}</TableCell>
              <TableCell>
                <Chip
                  size="small"
                  color={r.ok ? 'success' : 'error'}
                  label={translate(
                    r.ok ? (applied ? 'vinculo.bulk.applied' : 'vinculo.bulk.accepted') : 'vinculo.bulk.refused',
                  )}
                />
              </TableCell>
              <TableCell sx={{ wordBreak: 'break-word' }}>{r.ok ? (r.state ?? '') : (r.error ?? '')}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}
