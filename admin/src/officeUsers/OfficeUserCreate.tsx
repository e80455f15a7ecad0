import {
  AutocompleteInput,
  Create,
  ReferenceInput,
  SelectInput,
  SimpleForm,
  TextInput,
  email,
  required,
} from 'react-admin';
import { officeRoleChoices } from '../common/choices';

/** Adds a staff user to an office, which starts the linking process. */
export function OfficeUserCreate() {
  return (
    <Create redirect="show">
      <SimpleForm>
        <ReferenceInput source="officeId" reference="offices">
          <AutocompleteInput optionText="name" validate={required()} filterToQuery={(q: string) => ({ q })} />
        </ReferenceInput>
        <TextInput source="name" validate={required()} />
        <TextInput source="email" type="email" validate={[required(), email()]} />
        <SelectInput source="role" choices={officeRoleChoices} validate={required()} defaultValue="staff" />
      </SimpleForm>
    </Create>
  );
}
