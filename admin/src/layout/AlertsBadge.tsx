import NotificationsIcon from '@mui/icons-material/Notifications';
import { Badge, IconButton, Tooltip } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Link, useTranslate } from 'react-admin';
import { apiUrl, httpClient } from '../httpClient';

/** The number of stuck processes no operator has acknowledged yet, refreshed every 30 s; a click lists the alerts. */
export function AlertsBadge() {
  const translate = useTranslate();
  const { data } = useQuery({
    queryKey: ['alerts', 'count'],
    queryFn: async () => (await httpClient(`${apiUrl}/alerts/count`)).json as { unacknowledgedStuck: number },
    refetchInterval: 30_000,
  });
  const count = data?.unacknowledgedStuck ?? 0;
  return (
    <Tooltip title={translate('vinculo.alerts.badgeTooltip', { smart_count: count })}>
      <IconButton
        color="inherit"
        component={Link}
        to="/alerts?filter=%7B%22kind%22%3A%22stuck%22%7D"
        aria-label={translate('vinculo.alerts.badge')}
        data-unacknowledged={count}
      >
        <Badge badgeContent={count} color="error">
          <NotificationsIcon />
        </Badge>
      </IconButton>
    </Tooltip>
  );
}
