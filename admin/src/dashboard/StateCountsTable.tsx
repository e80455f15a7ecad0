import { Card, CardContent, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { Link, useLocaleState, useTranslate } from 'react-admin';
import { pickLabel } from '../i18n';
import { indexStates } from '../machines/graph';
import { findMachine, useMachines } from '../machines/useMachines';
import type { Stats } from '../types';
import { instancesFilteredBy } from './useStats';

/** How many processes sit in each state of each machine, each count opening that list. */
export function StateCountsTable({ rows }: { rows: Stats['byMachineState'] }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const { data: machines } = useMachines();
  const machineLabel = (id: string) => pickLabel(findMachine(machines, id)?.title, locale, id);
  const stateLabel = (id: string, path: string) => {
    const machine = findMachine(machines, id);
    return pickLabel(machine ? indexStates(machine).get(path)?.label : undefined, locale, path);
  };
  return (
    <Card variant="outlined">
      <CardContent>
        <Typography variant="h6" gutterBottom>
          {translate('vinculo.dashboard.byMachineState')}
        </Typography>
        {rows.length === 0 ? (
          <Typography color="text.secondary">{translate('vinculo.dashboard.empty')}</Typography>
        ) : (
          <Table size="small" data-testid="state-counts">
            <TableHead>
              <TableRow>
                <TableCell>{translate('resources.instances.fields.machine')}</TableCell>
                <TableCell>{translate('resources.instances.fields.state')}</TableCell>
                <TableCell align="right">{translate('vinculo.dashboard.count')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((row) => (
                <TableRow key={`${row.machine}/${row.state}`}>
                  <TableCell>{machineLabel(row.machine)}</TableCell>
                  <TableCell title={row.state}>{stateLabel(row.machine, row.state)}</TableCell>
                  <TableCell align="right">
                    <Link to={instancesFilteredBy({ machine: row.machine, state: row.state })}>{row.count}</Link>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}
