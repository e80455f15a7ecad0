import { useLocaleState, useRecordContext, type FieldProps } from 'react-admin';
import { pickLabel } from '../i18n';
import { indexStates } from './graph';
import { findMachine, useMachines } from './useMachines';

/** The machine's title in the console's language. */
export function MachineField({ source = 'machine' }: FieldProps) {
  const record = useRecordContext();
  const { data } = useMachines();
  const [locale] = useLocaleState();
  const id = record ? String(record[source] ?? '') : '';
  const machine = findMachine(data, id);
  return <span>{machine ? pickLabel(machine.title, locale, id) : id}</span>;
}

/** Labels a state path of a given machine, keeping the path when the label is unknown. */
export function useStateLabel(machineId: string | undefined, version?: number) {
  const { data } = useMachines();
  const [locale] = useLocaleState();
  const machine = findMachine(data, machineId, version);
  const states = machine ? indexStates(machine) : undefined;
  return (path: string | null | undefined): string => {
    if (!path) return '';
    return path
      .split('|')
      .map((p) => pickLabel(states?.get(p)?.label, locale, p))
      .join(' | ');
  };
}

/**
 * A state (or `from`/`to`) by its label. Rows without a `machine` column (transitions) get the
 * machine from the page that shows them.
 */
export function StateField({ source = 'state', machine }: FieldProps & { machine?: string }) {
  const record = useRecordContext();
  const machineId = machine ?? (record ? String(record.machine ?? '') : undefined);
  const label = useStateLabel(machineId, record?.machineVersion);
  const path = record ? String(record[source] ?? '') : '';
  return <span title={path}>{label(path)}</span>;
}
