import {
  Datagrid,
  List,
  ReferenceField,
  SearchInput,
  SelectField,
  SelectInput,
  TextField,
  TextInput,
} from 'react-admin';
import { referenceFilter } from '../common/referenceFilter';
import { directionChoices } from '../common/choices';
import { InstanceLinkField } from '../common/InstanceLinkField';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="direction" source="direction" choices={directionChoices} />,
  referenceFilter('officeId', 'offices'),
  <TextInput key="status" source="status" />,
];

/** Requests to connect an office and a company, in either direction. */
export function ConnectionRequestList() {
  return (
    <List filters={filters} sort={{ field: 'id', order: 'DESC' }}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <SelectField source="direction" choices={directionChoices} />
        <ReferenceField source="officeId" reference="offices" link="show" />
        <ReferenceField source="companyId" reference="companies" link="show" />
        <TextField source="inviteeEmail" />
        <TextField source="status" />
        <InstanceLinkField source="instanceId" />
      </Datagrid>
    </List>
  );
}
