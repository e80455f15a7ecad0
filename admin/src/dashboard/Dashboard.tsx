import { Alert, CircularProgress, Stack } from '@mui/material';
import { Title, useTranslate } from 'react-admin';
import { useAutoRefresh } from '../common/useAutoRefresh';
import { StatCards } from './StatCards';
import { StateCountsTable } from './StateCountsTable';
import { TransitionsChart } from './TransitionsChart';
import { useStats } from './useStats';

/** The console's home: where processes are, which are stuck, how busy the engine is. */
export function Dashboard() {
  useAutoRefresh();
  const translate = useTranslate();
  const { data: stats, error, isPending } = useStats();
  return (
    <Stack spacing={2} sx={{ mt: 2 }}>
      <Title title={translate('vinculo.dashboard.title')} />
      {error && <Alert severity="error">{error.message}</Alert>}
      {isPending && <CircularProgress />}
      {stats && (
        <>
          <StatCards stats={stats} />
          <TransitionsChart points={stats.transitionsPerHour} />
          <StateCountsTable rows={stats.byMachineState} />
        </>
      )}
    </Stack>
  );
}
