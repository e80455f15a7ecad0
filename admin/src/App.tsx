import { Admin, Resource, type ResourceProps } from 'react-admin';
import accounts from './accounts';
import alerts from './alerts';
import audit from './audit';
import { authProvider } from './authProvider';
import certificates from './certificates';
import clientUsers from './clientUsers';
import companies from './companies';
import connectionRequests from './connectionRequests';
import { Dashboard } from './dashboard/Dashboard';
import { dataProvider } from './dataProvider';
import { i18nProvider } from './i18n';
import instances from './instances';
import { Layout } from './layout/Layout';
import machines from './machines';
import offices from './offices';
import officeUsers from './officeUsers';
import operators from './operators';
import outbox from './outbox';
import queuedEvents from './queuedEvents';
import transitions from './transitions';

type Manifest = Omit<ResourceProps, 'name'>;

// Auditors change nothing: without create/edit views react-admin shows no buttons for them.
function forRole(manifest: Manifest, role: unknown): Manifest {
  if (role !== 'auditor') return manifest;
  const { create: _create, edit: _edit, ...readOnly } = manifest;
  return readOnly;
}

export function App() {
  return (
    <Admin
      title="Vínculo"
      dataProvider={dataProvider}
      authProvider={authProvider}
      i18nProvider={i18nProvider}
      dashboard={Dashboard}
      layout={Layout}
      requireAuth
      disableTelemetry
    >
      {(role: unknown) => (
        <>
          <Resource name="instances" {...instances} />
          <Resource name="transitions" {...transitions} />
          <Resource name="machines" {...machines} />
          <Resource name="offices" {...forRole(offices, role)} />
          <Resource name="officeUsers" {...forRole(officeUsers, role)} />
          <Resource name="companies" {...forRole(companies, role)} />
          <Resource name="accounts" {...forRole(accounts, role)} />
          <Resource name="clientUsers" {...forRole(clientUsers, role)} />
          <Resource name="connectionRequests" {...forRole(connectionRequests, role)} />
          <Resource name="certificates" {...certificates} />
          <Resource name="outbox" {...outbox} />
          <Resource name="queuedEvents" {...queuedEvents} />
          <Resource name="audit" {...audit} />
          <Resource name="alerts" {...alerts} />
          {role === 'admin' && <Resource name="operators" {...operators} />}
        </>
      )}
    </Admin>
  );
}
