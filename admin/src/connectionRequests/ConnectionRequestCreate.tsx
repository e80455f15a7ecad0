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
import { directionChoices } from '../common/choices';

/** Opens a connection request, which starts its approval process. */
export function ConnectionRequestCreate() {
  return (
    <Create redirect="show">
      <SimpleForm>
        <SelectInput
          source="direction"
          choices={directionChoices}
          validate={required()}
          defaultValue="officeToClient"
        />
        <ReferenceInput source="officeId" reference="offices">
          <AutocompleteInput optionText="name" filterToQuery={(q: string) => ({ q })} />
        </ReferenceInput>
        <ReferenceInput source="companyId" reference="companies">
          <AutocompleteInput optionText="name" filterToQuery={(q: string) => ({ q })} />
        </ReferenceInput>
        <TextInput source="inviteeEmail" type="email" validate={[required(), email()]} />
      </SimpleForm>
    </Create>
  );
}
