import {
  AutocompleteInput,
  BooleanInput,
  Create,
  ReferenceInput,
  SimpleForm,
  TextInput,
  email,
  required,
} from 'react-admin';

/** Adds a user to a client company, which starts their onboarding. */
export function ClientUserCreate() {
  return (
    <Create redirect="show">
      <SimpleForm>
        <ReferenceInput source="companyId" reference="companies">
          <AutocompleteInput optionText="name" validate={required()} filterToQuery={(q: string) => ({ q })} />
        </ReferenceInput>
        <TextInput source="name" validate={required()} />
        <TextInput source="email" type="email" validate={[required(), email()]} />
        <TextInput source="cpf" />
        <TextInput source="phone" />
        <BooleanInput source="portalAccess" defaultValue />
      </SimpleForm>
    </Create>
  );
}
