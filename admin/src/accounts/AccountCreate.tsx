import { Alert, Stack } from '@mui/material';
import { useEffect, useState } from 'react';
import {
  AutocompleteInput,
  Create,
  ReferenceInput,
  SelectInput,
  SimpleForm,
  TextInput,
  email,
  required,
  useLocaleState,
  useNotify,
  useRedirect,
  useTranslate,
} from 'react-admin';
import { apiUrl, httpClient } from '../httpClient';
import type { Plan } from './accountTypes';
import { pickLabel } from '../i18n';

interface Warning {
  code: string;
  message: string;
}

interface RegistrationForm {
  officeId: string;
  planId: string;
  payer: 'office' | 'client';
  company: { name: string; cnpj: string };
  admin: { name: string; email: string };
}

/** Warns, as the API does, when the admin's e-mail belongs to an accounting office. */
function EmailWarnings({ officeId, address }: { officeId?: string; address?: string }) {
  const [warnings, setWarnings] = useState<Warning[]>([]);
  useEffect(() => {
    if (!officeId || !address || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(address)) return setWarnings([]);
    const timer = setTimeout(() => {
      httpClient(`${apiUrl}/accounts/register/check`, {
        method: 'POST',
        body: JSON.stringify({ officeId, email: address }),
      }).then(
        ({ json }) => setWarnings((json as { warnings: Warning[] }).warnings),
        () => setWarnings([]),
      );
    }, 400);
    return () => clearTimeout(timer);
  }, [officeId, address]);
  if (!warnings.length) return null;
  return (
    <Stack spacing={1} data-testid="registration-warnings">
      {warnings.map((w) => (
        <Alert key={w.code} severity="warning">
          {w.message}
        </Alert>
      ))}
    </Stack>
  );
}

/** "Novo cadastro": the office registers its client; the client's admin receives the registration e-mail. */
export function AccountCreate() {
  const translate = useTranslate();
  const notify = useNotify();
  const redirect = useRedirect();
  const [locale] = useLocaleState();
  const [plans, setPlans] = useState<Plan[]>([]);
  const [officeId, setOfficeId] = useState<string>();
  const [address, setAddress] = useState<string>();
  useEffect(() => {
    httpClient(`${apiUrl}/plans`).then(
      ({ json }) => setPlans(json as Plan[]),
      () => setPlans([]),
    );
  }, []);

  const submit = async (values: Partial<RegistrationForm>) => {
    try {
      const { json } = await httpClient(`${apiUrl}/accounts/register`, {
        method: 'POST',
        body: JSON.stringify(values),
      });
      notify('resources.accounts.registered', { type: 'success' });
      redirect('show', 'accounts', (json as { id: string }).id);
    } catch (error) {
      notify(error instanceof Error ? error.message : String(error), { type: 'error' });
    }
  };

  return (
    <Create title="resources.accounts.newRegistration">
      <SimpleForm onSubmit={submit} defaultValues={{ payer: 'client' }}>
        <ReferenceInput source="officeId" reference="offices">
          <AutocompleteInput
            optionText="name"
            validate={required()}
            filterToQuery={(q: string) => ({ q })}
            onChange={(value: string) => setOfficeId(value)}
          />
        </ReferenceInput>
        <SelectInput
          source="planId"
          label="resources.accounts.fields.planName"
          choices={plans.map((p) => ({ id: p.id, name: pickLabel(p.name, locale, p.id) }))}
          validate={required()}
        />
        <SelectInput
          source="payer"
          choices={[
            { id: 'client', name: translate('resources.accounts.payers.client') },
            { id: 'office', name: translate('resources.accounts.payers.office') },
          ]}
          validate={required()}
        />
        <TextInput source="company.name" label="resources.accounts.fields.companyName" validate={required()} />
        <TextInput source="company.cnpj" label="resources.accounts.fields.cnpj" validate={required()} />
        <TextInput source="admin.name" label="resources.accounts.fields.adminName" validate={required()} />
        <TextInput
          source="admin.email"
          label="resources.accounts.fields.adminEmail"
          validate={[required(), email()]}
          onBlur={(e: { target: { value: string } }) => setAddress(e.target.value)}
        />
        <EmailWarnings officeId={officeId} address={address} />
      </SimpleForm>
    </Create>
  );
}
