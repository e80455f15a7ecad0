import {
  AutocompleteInput,
  NullableBooleanInput,
  ReferenceInput,
  SearchInput,
  SelectInput,
  TextInput,
  useLocaleState,
} from 'react-admin';
import { pickLabel } from '../i18n';
import { useMachines } from '../machines/useMachines';

const statuses = ['running', 'completed', 'failed', 'cancelled', 'terminated'];

/** The instance list's filters; react-admin keeps their values in the URL. */
export function useInstanceFilters() {
  const { data: machines = [] } = useMachines();
  const [locale] = useLocaleState();
  const machineChoices = [...new Map(machines.map((m) => [m.id, m])).values()].map((m) => ({
    id: m.id,
    name: pickLabel(m.title, locale, m.id),
  }));
  const statusChoices = statuses.map((s) => ({ id: s, name: `vinculo.status.${s}` }));
  return [
    <SearchInput key="q" source="q" alwaysOn />,
    <SelectInput key="machine" source="machine" choices={machineChoices} alwaysOn />,
    <TextInput key="state" source="state" />,
    <SelectInput key="status" source="status" choices={statusChoices} />,
    <ReferenceInput key="officeId" source="officeId" reference="offices">
      <AutocompleteInput optionText="name" filterToQuery={(q: string) => ({ q })} />
    </ReferenceInput>,
    <TextInput key="entityId" source="entityId" />,
    <NullableBooleanInput key="stuck" source="stuck" />,
  ];
}
