import type { ReactNode } from 'react';
import { Box, Card, CardContent, Typography } from '@mui/material';
import { Link, useTranslate } from 'react-admin';
import type { Stats } from '../types';
import { instancesFilteredBy } from './useStats';

function StatCard({ title, value, testId }: { title: string; value: ReactNode; testId: string }) {
  return (
    <Card variant="outlined" data-testid={testId}>
      <CardContent>
        <Typography color="text.secondary" gutterBottom>
          {title}
        </Typography>
        <Typography variant="h4">{value}</Typography>
      </CardContent>
    </Card>
  );
}

/** The headline numbers; the stuck count opens the stuck processes, the blocked invoicing the expired certificates. */
export function StatCards({ stats }: { stats: Stats }) {
  const translate = useTranslate();
  return (
    <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: 'repeat(4, 1fr)' } }}>
      <StatCard
        testId="stat-stuck"
        title={translate('vinculo.dashboard.stuck')}
        value={<Link to={instancesFilteredBy({ stuck: true })}>{stats.stuck}</Link>}
      />
      <StatCard testId="stat-timers" title={translate('vinculo.dashboard.timersDue24h')} value={stats.timersDue24h} />
      <StatCard
        testId="stat-failing"
        title={translate('vinculo.dashboard.failingActivities')}
        value={stats.failingActivities}
      />
      <StatCard
        testId="stat-invoicing-blocked"
        title={translate('vinculo.dashboard.invoicingBlocked')}
        value={
          <Link
            to={{
              pathname: '/certificates',
              search: `?filter=${encodeURIComponent(JSON.stringify({ window: 'expired' }))}`,
            }}
          >
            {stats.invoicingBlocked}
          </Link>
        }
      />
    </Box>
  );
}
