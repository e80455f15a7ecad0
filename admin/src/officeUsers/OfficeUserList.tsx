import {
  BooleanField,
  Datagrid,
  List,
  NullableBooleanInput,
  ReferenceField,
  SearchInput,
  SelectField,
  SelectInput,
  TextField,
  TextInput,
} from 'react-admin';
import { referenceFilter } from '../common/referenceFilter';
import { officeRoleChoices } from '../common/choices';
import { InstanceLinkField } from '../common/InstanceLinkField';
import { LinkStatusField } from './LinkStatusField';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  referenceFilter('officeId', 'offices'),
  <SelectInput key="role" source="role" choices={officeRoleChoices} />,
  <NullableBooleanInput key="active" source="active" />,
  <TextInput key="linkStatus" source="linkStatus" />,
];

/** Staff users of the offices and the state of their link to the platform. */
export function OfficeUserList() {
  return (
    <List filters={filters} sort={{ field: 'name', order: 'ASC' }}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="name" />
        <TextField source="email" />
        <ReferenceField source="officeId" reference="offices" link="show" />
        <SelectField source="role" choices={officeRoleChoices} />
        <BooleanField source="active" />
        <LinkStatusField source="linkStatus" />
        <InstanceLinkField source="instanceId" />
      </Datagrid>
    </List>
  );
}
