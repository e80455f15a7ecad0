import { Edit, SimpleForm } from 'react-admin';
import { OperatorInputs } from './OperatorInputs';

// An empty password field means "keep the current one", so it is not sent.
const dropEmptyPassword = (data: Record<string, unknown>) => {
  const { password, ...rest } = data;
  return password ? { ...rest, password } : rest;
};

/** Changes an operator's role, deactivates them, or sets a new password. */
export function OperatorEdit() {
  return (
    <Edit mutationMode="pessimistic" transform={dropEmptyPassword}>
      <SimpleForm>
        <OperatorInputs creating={false} />
      </SimpleForm>
    </Edit>
  );
}
