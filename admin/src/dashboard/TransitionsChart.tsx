import { Card, CardContent, Typography, useTheme } from '@mui/material';
import { useLocaleState, useTranslate } from 'react-admin';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Stats } from '../types';

/** Transitions per hour as the server counted them, hours shown in the console's language. */
export function TransitionsChart({ points }: { points: Stats['transitionsPerHour'] }) {
  const translate = useTranslate();
  const theme = useTheme();
  const [locale] = useLocaleState();
  const hourFormat = new Intl.DateTimeFormat(locale, {
    day: '2-digit',
    month: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
  const data = points.map((p) => ({ hour: hourFormat.format(new Date(p.hour)), count: p.count }));
  return (
    <Card variant="outlined">
      <CardContent>
        <Typography variant="h6" gutterBottom>
          {translate('vinculo.dashboard.transitionsPerHour')}
        </Typography>
        <ResponsiveContainer width="100%" height={280}>
          <BarChart data={data}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="hour" />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Bar dataKey="count" name={translate('vinculo.dashboard.count')} fill={theme.palette.primary.main} />
          </BarChart>
        </ResponsiveContainer>
      </CardContent>
    </Card>
  );
}
