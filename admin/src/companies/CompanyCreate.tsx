import { AutocompleteInput, Create, ReferenceInput, SimpleForm, TextInput, required } from 'react-admin';

/** Registers a client company under an office. */
export function CompanyCreate() {
  return (
    <Create redirect="show">
      <SimpleForm>
        <ReferenceInput source="officeId" reference="offices">
          <AutocompleteInput optionText="name" validate={required()} filterToQuery={(q: string) => ({ q })} />
        </ReferenceInput>
        <TextInput source="name" validate={required()} />
        <TextInput source="cnpj" validate={required()} />
      </SimpleForm>
    </Create>
  );
}
