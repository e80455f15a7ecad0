import { Create, SimpleForm, TextArrayInput, TextInput, required } from 'react-admin';

/** Registers an office; its linked e-mails let clients find it ("my accountant"). */
export function OfficeCreate() {
  return (
    <Create redirect="show">
      <SimpleForm>
        <TextInput source="name" validate={required()} />
        <TextInput source="cnpj" validate={required()} />
        <TextArrayInput source="linkedEmails" />
      </SimpleForm>
    </Create>
  );
}
