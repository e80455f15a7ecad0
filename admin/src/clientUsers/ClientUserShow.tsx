import { BooleanField, ReferenceField, Show, SimpleShowLayout, TextField } from 'react-admin';
import { InstanceLinkField } from '../common/InstanceLinkField';
import { ClientUserActions } from './ClientUserActions';

/** A client user and the onboarding process behind them. */
export function ClientUserShow() {
  return (
    <Show actions={<ClientUserActions />}>
      <SimpleShowLayout>
        <TextField source="name" />
        <TextField source="email" />
        <TextField source="cpf" />
        <TextField source="phone" />
        <ReferenceField source="companyId" reference="companies" link="show" />
        <BooleanField source="portalAccess" />
        <TextField source="status" />
        <InstanceLinkField source="instanceId" />
      </SimpleShowLayout>
    </Show>
  );
}
