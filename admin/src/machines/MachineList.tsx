import { Card, CardActionArea, CardContent, Chip, Stack, Typography } from '@mui/material';
import { Link, Title, useLocaleState, useTranslate } from 'react-admin';
import { pickLabel } from '../i18n';
import { useStats } from '../dashboard/useStats';
import { useMachines } from './useMachines';

/** The machine catalogue: each machine's latest version, with how many of its processes run. */
export function MachineList() {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const { data: machines = [] } = useMachines();
  const { data: stats } = useStats();
  const latest = machines.filter((m) => m.latest);
  const versions = (id: string) => machines.filter((m) => m.id === id).map((m) => m.version);
  const total = (id: string) =>
    (stats?.byMachineState ?? []).filter((r) => r.machine === id).reduce((n, r) => n + r.count, 0);
  return (
    <Stack spacing={2} sx={{ p: 2 }} data-testid="machine-catalogue">
      <Title title={translate('vinculo.machines.title')} />
      {latest.map((m) => (
        <Card key={m.id} variant="outlined">
          <CardActionArea component={Link} to={`/machines/${encodeURIComponent(m.id)}/show`}>
            <CardContent>
              <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                <Typography variant="h6">{pickLabel(m.title, locale, m.id)}</Typography>
                <Chip size="small" label={m.id} />
                <Chip
                  size="small"
                  variant="outlined"
                  label={translate('vinculo.machines.versions', { versions: versions(m.id).join(', ') })}
                />
                <Chip
                  size="small"
                  color="primary"
                  label={translate('vinculo.machines.processes', { count: total(m.id) })}
                />
              </Stack>
              {m.description && (
                <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
                  {pickLabel(m.description, locale)}
                </Typography>
              )}
            </CardContent>
          </CardActionArea>
        </Card>
      ))}
    </Stack>
  );
}
