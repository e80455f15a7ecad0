import { Alert } from '@mui/material';
import { useEffect, useState } from 'react';
import {
  AutocompleteInput,
  Create,
  FormDataConsumer,
  ReferenceInput,
  SimpleForm,
  TextInput,
  email,
  required,
  useDataProvider,
  useTranslate,
} from 'react-admin';
import type { VinculoDataProvider } from '../dataProvider';

const looksLikeEmail = (value: unknown): value is string =>
  typeof value === 'string' && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim());

/** Says at once whether the client's e-mail already has an account (the API's check), as it is typed. */
function AccountCheck({ address }: { address: unknown }) {
  const dataProvider = useDataProvider<VinculoDataProvider>();
  const translate = useTranslate();
  const [answer, setAnswer] = useState<{ email: string; exists: boolean }>();
  useEffect(() => {
    if (!looksLikeEmail(address)) return setAnswer(undefined);
    let current = true;
    const timer = setTimeout(() => {
      dataProvider
        .accountExists(address.trim())
        .then((a) => current && setAnswer(a))
        .catch(() => current && setAnswer(undefined));
    }, 300);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [address, dataProvider]);
  if (!answer || !looksLikeEmail(address) || answer.email !== address.trim()) return null;
  return (
    <Alert severity={answer.exists ? 'success' : 'info'} data-testid="account-check" sx={{ mb: 2 }}>
      {translate(answer.exists ? 'vinculo.connections.accountExists' : 'vinculo.connections.accountMissing')}
    </Alert>
  );
}

/** An office invites a client ("Convidar cliente"): the request starts its process once saved. */
export function ConnectionRequestCreate() {
  return (
    <Create redirect="show" transform={(data: Record<string, unknown>) => ({ ...data, direction: 'officeToClient' })}>
      <SimpleForm>
        <ReferenceInput source="officeId" reference="offices">
          <AutocompleteInput optionText="name" filterToQuery={(q: string) => ({ q })} validate={required()} />
        </ReferenceInput>
        <ReferenceInput source="companyId" reference="companies">
          <AutocompleteInput optionText="name" filterToQuery={(q: string) => ({ q })} validate={required()} />
        </ReferenceInput>
        <TextInput source="email" type="email" validate={[required(), email()]} />
        <FormDataConsumer>{({ formData }) => <AccountCheck address={formData.email} />}</FormDataConsumer>
      </SimpleForm>
    </Create>
  );
}
