import {
  BooleanField,
  Datagrid,
  ReferenceManyField,
  Show,
  SimpleShowLayout,
  TopToolbar,
  Labeled,
  TextField,
} from 'react-admin';
import { DateTimeField } from '../common/DateTimeField';
import { InstanceLinkField } from '../common/InstanceLinkField';
import { AgentTokenButton } from './AgentTokenButton';
import { LinkStatusField } from '../officeUsers/LinkStatusField';
import { LinkedEmails } from './LinkedEmails';
import { ConnectionsPanel } from '../connectionRequests/ConnectionsPanel';

/** An office with its staff and its client companies. */
export function OfficeShow() {
  return (
    <Show
      actions={
        <TopToolbar>
          <AgentTokenButton />
        </TopToolbar>
      }
    >
      <SimpleShowLayout>
        <TextField source="name" />
        <TextField source="cnpj" />
        <Labeled source="linkedEmails">
          <LinkedEmails />
        </Labeled>
        <DateTimeField source="agentOnlineAt" />
        <ReferenceManyField label="resources.officeUsers.name" reference="officeUsers" target="officeId">
          <Datagrid rowClick="show" bulkActionButtons={false}>
            <TextField source="name" />
            <TextField source="email" />
            <TextField source="role" />
            <BooleanField source="active" />
            <LinkStatusField source="linkStatus" />
            <InstanceLinkField source="instanceId" />
          </Datagrid>
        </ReferenceManyField>
        <ReferenceManyField label="resources.companies.name" reference="companies" target="officeId">
          <Datagrid rowClick="show" bulkActionButtons={false}>
            <TextField source="name" />
            <TextField source="cnpj" />
          </Datagrid>
        </ReferenceManyField>
        <ConnectionsPanel target="officeId" label="vinculo.connections.title" />
      </SimpleShowLayout>
    </Show>
  );
}
