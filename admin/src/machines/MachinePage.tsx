import { Alert, Card, CardContent, Chip, Stack, Typography } from '@mui/material';
import { Title, useGetRecordId, useLocaleState, useRedirect, useTranslate } from 'react-admin';
import { instancesFilteredBy } from '../dashboard/useStats';
import { pickLabel } from '../i18n';
import { Statechart } from './Statechart';
import { countsByState, useMachineMap } from './useMachineMap';
import { findMachine, useMachines } from './useMachines';

/**
 * A machine's page: its statechart as a live map, with the running processes in each state
 * (red where some are stuck); a click on a state lists them, ready for a bulk nudge.
 */
export function MachinePage() {
  const id = String(useGetRecordId());
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const redirect = useRedirect();
  const { data: machines, isPending } = useMachines();
  const machine = findMachine(machines, id);
  const { data: map, error } = useMachineMap(machine ? id : undefined);
  if (isPending) return null;
  if (!machine) return <Alert severity="warning">{translate('vinculo.machines.unknown', { machine: id })}</Alert>;
  const title = pickLabel(machine.title, locale, machine.id);
  return (
    <Stack spacing={2} sx={{ p: 2 }}>
      <Title title={title} />
      <Card variant="outlined">
        <CardContent>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1 }}>
            <Typography variant="h6">{translate('vinculo.machines.liveMap')}</Typography>
            <Chip
              size="small"
              color="success"
              data-testid="map-running"
              label={translate('vinculo.machines.running', { count: map?.running ?? 0 })}
            />
            <Chip
              size="small"
              color={map?.stuck ? 'error' : 'default'}
              data-testid="map-stuck"
              label={translate('vinculo.machines.stuck', { count: map?.stuck ?? 0 })}
            />
            <Typography variant="caption" color="text.secondary">
              {translate('vinculo.machines.mapHint')}
            </Typography>
          </Stack>
          {error && <Alert severity="warning">{error.message}</Alert>}
          {machine.description && (
            <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
              {pickLabel(machine.description, locale)}
            </Typography>
          )}
          <Statechart
            machine={machine}
            counts={countsByState(map)}
            height={640}
            onStateClick={(state) => {
              const to = instancesFilteredBy({ machine: machine.id, state, status: 'running' });
              redirect(`${to.pathname}${to.search}`);
            }}
          />
        </CardContent>
      </Card>
    </Stack>
  );
}
