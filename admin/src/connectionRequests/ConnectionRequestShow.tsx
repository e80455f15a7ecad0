import BlockIcon from '@mui/icons-material/Block';
import { Stack } from '@mui/material';
import {
  BooleanField,
  Labeled,
  RecordContextProvider,
  SelectField,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  useDataProvider,
  useGetOne,
  useNotify,
  usePermissions,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { connectionStateChoices, directionChoices } from '../common/choices';
import { DateTimeField } from '../common/DateTimeField';
import { InstanceLinkField } from '../common/InstanceLinkField';
import { ReasonActionButton } from '../common/ReasonActionButton';
import type { VinculoDataProvider } from '../dataProvider';
import { Section } from '../instances/Section';
import { TransitionTimeline } from '../instances/TransitionTimeline';
import { useVisitedStates } from '../instances/useInstanceData';
import { Statechart } from '../machines/Statechart';
import { findMachine, useMachines } from '../machines/useMachines';
import type { InstanceRecord } from '../types';

interface ConnectionRecord {
  id: string;
  instanceId: string | null;
  connected: boolean;
}

/** Either side may end an active connection; the office's access ends at once. */
function RevokeButtons() {
  const record = useRecordContext<ConnectionRecord>();
  const { permissions } = usePermissions<string>();
  const dataProvider = useDataProvider<VinculoDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  if (!record?.connected || permissions === 'auditor') return null;
  const revoke = (side: 'office' | 'company') => async (reason: string) => {
    await dataProvider.revokeConnection(record.id, side, reason);
    notify('vinculo.connections.revoked', { type: 'info' });
    refresh();
  };
  return (
    <>
      {(['office', 'company'] as const).map((side) => (
        <ReasonActionButton
          key={side}
          label={side === 'office' ? 'vinculo.connections.revokeOffice' : 'vinculo.connections.revokeCompany'}
          title="vinculo.connections.revokeTitle"
          icon={<BlockIcon />}
          onConfirm={revoke(side)}
        />
      ))}
    </>
  );
}

/** The request's process: its statechart (current state filled, visited ones tinted) and its transitions. */
function ProcessPanel() {
  const record = useRecordContext<ConnectionRecord>();
  const translate = useTranslate();
  const instanceId = record?.instanceId ?? undefined;
  const { data: instance } = useGetOne<InstanceRecord>(
    'instances',
    { id: instanceId ?? '' },
    { enabled: !!instanceId },
  );
  const { data: machines } = useMachines();
  const visited = useVisitedStates(instanceId);
  if (!instanceId) return null;
  const machine = findMachine(machines, 'connectionRequest', instance?.machineVersion);
  return (
    <Stack spacing={2} sx={{ width: '100%' }} data-testid="connection-process">
      {machine && instance && (
        <Section title={translate('vinculo.instance.statechartVersion', { version: machine.version })}>
          <Statechart machine={machine} state={instance.state} visited={visited} />
        </Section>
      )}
      <Section title={translate('vinculo.instance.timeline')}>
        <RecordContextProvider value={{ id: instanceId }}>
          <TransitionTimeline machine="connectionRequest" />
        </RecordContextProvider>
      </Section>
    </Stack>
  );
}

/** One connection request: who asks whom, where it stands, and its process. */
export function ConnectionRequestShow() {
  return (
    <Show
      actions={
        <TopToolbar>
          <RevokeButtons />
        </TopToolbar>
      }
    >
      <SimpleShowLayout>
        <SelectField source="direction" choices={directionChoices} />
        <TextField source="officeName" />
        <TextField source="companyName" />
        <TextField source="email" />
        <TextField source="officePhone" emptyText="—" />
        <SelectField source="state" choices={connectionStateChoices} />
        <BooleanField source="connected" />
        <DateTimeField source="createdAt" />
        <TextField source="decidedByName" emptyText="—" />
        <DateTimeField source="decidedAt" />
        <TextField source="revokedByName" emptyText="—" />
        <DateTimeField source="revokedAt" />
        <InstanceLinkField source="instanceId" />
        <Labeled label="vinculo.connections.process" fullWidth>
          <ProcessPanel />
        </Labeled>
      </SimpleShowLayout>
    </Show>
  );
}
