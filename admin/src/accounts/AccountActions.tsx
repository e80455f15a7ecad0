import KeyIcon from '@mui/icons-material/Key';
import SwapHorizIcon from '@mui/icons-material/SwapHoriz';
import ToggleOnIcon from '@mui/icons-material/ToggleOn';
import { Alert, Stack, TextField } from '@mui/material';
import { useEffect, useState } from 'react';
import { useLocaleState, usePermissions, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { ReasonActionButton } from '../common/ReasonActionButton';
import { apiUrl, httpClient } from '../httpClient';
import { ChoiceWithReasonButton } from './ChoiceWithReasonButton';
import type { Account, Plan } from './accountTypes';
import { pickLabel } from '../i18n';

// The statuses each status may move to; the API refuses others with the allowed ones.
const nextStatuses: Record<Account['status'], Account['status'][]> = {
  Teste: ['Efetivado', 'Bloqueado', 'Cancelado'],
  Efetivado: ['Bloqueado', 'Cancelado'],
  Bloqueado: ['Efetivado', 'Cancelado'],
  Cancelado: [],
};

const post = (path: string, body: object) =>
  httpClient(`${apiUrl}${path}`, { method: 'POST', body: JSON.stringify(body) });

/** The office manager's actions on an account, for operators: status, plan, a new integration key. */
export function AccountActions() {
  const account = useRecordContext<Account>();
  const { permissions } = usePermissions<string>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const refresh = useRefresh();
  const [plans, setPlans] = useState<Plan[]>([]);
  useEffect(() => {
    httpClient(`${apiUrl}/plans`).then(
      ({ json }) => setPlans(json as Plan[]),
      () => setPlans([]),
    );
  }, []);
  if (!account || permissions === 'auditor') return null;
  const id = encodeURIComponent(account.id);
  return (
    <Stack direction="row" spacing={1} data-testid="account-actions">
      <ChoiceWithReasonButton
        label="resources.accounts.changeStatus"
        title="resources.accounts.changeStatus"
        icon={<ToggleOnIcon />}
        choiceLabel="resources.accounts.fields.status"
        choices={nextStatuses[account.status].map((s) => ({ id: s, name: s }))}
        onConfirm={async (status, reason) => {
          await post(`/accounts/${id}/status`, { status, reason });
          refresh();
        }}
      />
      <ChoiceWithReasonButton
        label="resources.accounts.changePlan"
        title="resources.accounts.changePlan"
        icon={<SwapHorizIcon />}
        choiceLabel="resources.accounts.fields.planName"
        choices={plans
          .filter((p) => p.id !== account.planId)
          .map((p) => ({
            id: p.id,
            name: `${pickLabel(p.name, locale, p.id)} · ${translate(`resources.accounts.takesEffect.${p.changeTakesEffect}`)}`,
          }))}
        onConfirm={async (planId, reason) => {
          await post(`/accounts/${id}/plan`, { planId, reason });
          refresh();
        }}
      />
      <ReasonActionButton
        label="resources.accounts.newKey"
        title="resources.accounts.newKey"
        icon={<KeyIcon />}
        onConfirm={async (reason) => {
          const { json } = await post(`/accounts/${id}/keys`, { reason });
          refresh();
          return (
            <Stack spacing={2} sx={{ mt: 1 }}>
              <Alert severity="warning">{translate('resources.accounts.keyOnce')}</Alert>
              <TextField
                value={(json as { key: string }).key}
                label={translate('resources.accounts.fields.key')}
                fullWidth
                slotProps={{ input: { readOnly: true } }}
                onFocus={(e) => e.target.select()}
              />
            </Stack>
          );
        }}
      />
    </Stack>
  );
}
