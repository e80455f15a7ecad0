import { ReferenceField, SelectField, Show, SimpleShowLayout, TextField } from 'react-admin';
import { directionChoices } from '../common/choices';
import { InstanceLinkField } from '../common/InstanceLinkField';

/** One connection request and its approval process. */
export function ConnectionRequestShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <SelectField source="direction" choices={directionChoices} />
        <ReferenceField source="officeId" reference="offices" link="show" />
        <ReferenceField source="companyId" reference="companies" link="show" />
        <TextField source="inviteeEmail" />
        <TextField source="status" />
        <InstanceLinkField source="instanceId" />
      </SimpleShowLayout>
    </Show>
  );
}
