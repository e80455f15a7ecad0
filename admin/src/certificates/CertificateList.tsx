import { BooleanField, Datagrid, List, NumberField, SearchInput, SelectInput, TextField } from 'react-admin';
import { DateTimeField } from '../common/DateTimeField';
import { InstanceLinkField } from '../common/InstanceLinkField';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput
    key="window"
    source="window"
    alwaysOn
    choices={[
      { id: 'expiring30', name: 'resources.certificates.windows.expiring30' },
      { id: 'expired', name: 'resources.certificates.windows.expired' },
    ]}
  />,
];

/** Each company's digital certificate, soonest expiry first. */
export function CertificateList() {
  return (
    <List filters={filters} sort={{ field: 'validUntil', order: 'ASC' }}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="companyName" />
        <TextField source="cnpj" />
        <DateTimeField source="validUntil" />
        <NumberField source="daysLeft" sortable={false} />
        <TextField source="state" sortable={false} />
        <BooleanField source="invoicingBlocked" sortable={false} />
        <InstanceLinkField source="instanceId" sortable={false} />
      </Datagrid>
    </List>
  );
}
