import { Alert, Box, Stack } from '@mui/material';
import { Show, useLocaleState, usePermissions, useRecordContext, useTranslate } from 'react-admin';
import { useAutoRefresh } from '../common/useAutoRefresh';
import { pickLabel } from '../i18n';
import { timerDelay } from '../machines/graph';
import { Statechart } from '../machines/Statechart';
import { useStateLabel } from '../machines/MachineFields';
import { findMachine, useMachines } from '../machines/useMachines';
import type { InstanceRecord } from '../types';
import { HistoryPanel, JsonBlock } from './HistoryPanel';
import { InstanceActions } from './InstanceActions';
import { InstanceSummary } from './InstanceSummary';
import { AcceptedEvents } from './nudge/AcceptedEvents';
import { Section } from './Section';
import { ActivitiesPanel, TimersPanel } from './SnapshotPanels';
import { TransitionTimeline } from './TransitionTimeline';
import { TaskFailurePanel } from './TaskFailurePanel';
import { DirectoryChanges } from './DirectoryChanges';
import { useSnapshot, useVisitedStates } from './useInstanceData';

/** One process: where it is, what it waits for, what an operator may do, and how it got here. */
export function InstanceShow() {
  useAutoRefresh();
  return (
    <Show actions={<InstanceActions />}>
      <InstanceDetails />
    </Show>
  );
}

function InstanceDetails() {
  const record = useRecordContext<InstanceRecord>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const { permissions } = usePermissions<string>();
  const { data: machines } = useMachines();
  const { data: snapshot, error: snapshotError } = useSnapshot(record?.id);
  const visited = useVisitedStates(record?.id);
  const stateLabel = useStateLabel(record?.machine, record?.machineVersion);
  if (!record) return null;

  const machine = findMachine(machines, record.machine, record.machineVersion);
  const latest = findMachine(machines, record.machine);
  const state = snapshot?.state ?? record.state;
  const canNudge = permissions === 'admin' || permissions === 'operator';
  const eventLabel = (type: string) => {
    const delay = timerDelay(machine, type);
    if (delay) return translate('vinculo.timeline.delay', { delay });
    return pickLabel(machine?.events.find((e) => e.type === type)?.label, locale, type);
  };

  return (
    <Stack spacing={2} sx={{ p: 2 }}>
      <InstanceSummary />
      <TaskFailurePanel record={record} canReset={canNudge} />
      {snapshotError && <Alert severity="warning">{snapshotError.message}</Alert>}
      {canNudge && snapshot && (
        <Section title={translate('vinculo.instance.acceptedEvents')} testId="accepted-events">
          <AcceptedEvents
            instanceId={record.id}
            can={snapshot.can}
            machine={machine}
            state={state}
            stateLabel={stateLabel}
          />
        </Section>
      )}
      <Section
        title={
          machine
            ? translate('vinculo.instance.statechartVersion', { version: machine.version })
            : translate('vinculo.instance.statechart')
        }
      >
        {machine && latest && latest.version !== machine.version && (
          <Alert severity="info" sx={{ mb: 1 }} data-testid="older-version">
            {translate('vinculo.instance.olderVersion', { version: machine.version, latest: latest.version })}
          </Alert>
        )}
        {machine ? (
          <Statechart machine={machine} state={state} visited={visited} timers={snapshot?.timers} />
        ) : (
          machines && (
            <Alert severity="info">{translate('vinculo.instance.machineUnknown', { machine: record.machine })}</Alert>
          )
        )}
      </Section>
      {snapshot && (
        <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' } }}>
          <Section title={translate('vinculo.instance.timers')}>
            <TimersPanel timers={snapshot.timers} eventLabel={eventLabel} />
          </Section>
          <Section title={translate('vinculo.instance.activities')}>
            <ActivitiesPanel activities={snapshot.activities} />
          </Section>
        </Box>
      )}
      <Section title={translate('vinculo.instance.timeline')}>
        <TransitionTimeline machine={record.machine} />
      </Section>
      {['clientUser', 'officeUser', 'company'].includes(record.entityType) && (
        <Section title={translate('vinculo.instance.directoryChanges')}>
          <DirectoryChanges />
        </Section>
      )}
      {snapshot && (
        <Section title={translate('vinculo.instance.context')}>
          <JsonBlock value={snapshot.context} />
        </Section>
      )}
      <HistoryPanel instanceId={record.id} />
    </Stack>
  );
}
