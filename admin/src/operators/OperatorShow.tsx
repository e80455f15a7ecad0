import { BooleanField, SelectField, Show, SimpleShowLayout, TextField } from 'react-admin';
import { operatorRoleChoices } from '../common/choices';

/** One console user. */
export function OperatorShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="email" />
        <SelectField source="role" choices={operatorRoleChoices} />
        <BooleanField source="active" />
      </SimpleShowLayout>
    </Show>
  );
}
