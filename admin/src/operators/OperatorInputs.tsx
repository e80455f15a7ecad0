import { BooleanInput, PasswordInput, SelectInput, TextInput, email, required } from 'react-admin';
import { operatorRoleChoices } from '../common/choices';

/** The operator form's fields; a password is required only when creating. */
export function OperatorInputs({ creating }: { creating: boolean }) {
  return (
    <>
      <TextInput source="email" type="email" validate={[required(), email()]} disabled={!creating} />
      <SelectInput source="role" choices={operatorRoleChoices} validate={required()} defaultValue="operator" />
      <BooleanInput source="active" defaultValue />
      <PasswordInput
        source="password"
        validate={creating ? required() : undefined}
        helperText={creating ? undefined : 'vinculo.operators.passwordHelp'}
        autoComplete="new-password"
      />
    </>
  );
}
