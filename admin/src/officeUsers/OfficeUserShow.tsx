import { BooleanField, ReferenceField, SelectField, Show, SimpleShowLayout, TextField } from 'react-admin';
import { officeRoleChoices } from '../common/choices';
import { InstanceLinkField } from '../common/InstanceLinkField';
import { LinkStatusField } from './LinkStatusField';
import { OfficeUserActions } from './OfficeUserActions';

/** An office staff user and the process linking them. */
export function OfficeUserShow() {
  return (
    <Show actions={<OfficeUserActions />}>
      <SimpleShowLayout>
        <TextField source="name" />
        <TextField source="email" />
        <ReferenceField source="officeId" reference="offices" link="show" />
        <SelectField source="role" choices={officeRoleChoices} />
        <BooleanField source="active" />
        <LinkStatusField source="linkStatus" />
        <InstanceLinkField source="instanceId" />
      </SimpleShowLayout>
    </Show>
  );
}
