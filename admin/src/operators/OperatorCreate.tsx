import { Create, SimpleForm } from 'react-admin';
import { OperatorInputs } from './OperatorInputs';

/** Adds a console user. */
export function OperatorCreate() {
  return (
    <Create redirect="list">
      <SimpleForm>
        <OperatorInputs creating />
      </SimpleForm>
    </Create>
  );
}
