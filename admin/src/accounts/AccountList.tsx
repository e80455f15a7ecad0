import { Datagrid, DateField, FunctionField, List, SelectInput, TextField, useTranslate } from 'react-admin';
import { referenceFilter } from '../common/referenceFilter';
import { contractStatuses, keyAgeDays, type Account } from './accountTypes';

const filters = [
  <SelectInput key="status" source="status" choices={contractStatuses.map((s) => ({ id: s, name: s }))} alwaysOn />,
  referenceFilter('officeId', 'offices'),
];

/** Client accounts: contract status, plan, who pays and the integration key's age. */
export function AccountList() {
  const translate = useTranslate();
  return (
    <List filters={filters} sort={{ field: 'companyName', order: 'ASC' }}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="companyName" />
        <TextField source="officeName" />
        <TextField source="status" />
        <TextField source="planName" sortBy="planId" />
        <FunctionField source="payer" render={(r: Account) => translate(`resources.accounts.payers.${r.payer}`)} />
        <FunctionField
          label="resources.accounts.fields.keyAge"
          sortable={false}
          render={(r: Account) => {
            const days = keyAgeDays(r.keyCreatedAt);
            return days === undefined
              ? translate('resources.accounts.noKey')
              : translate('resources.accounts.keyAgeDays', { smart_count: days });
          }}
        />
        <DateField source="statusChangedAt" showTime sortable={false} />
      </Datagrid>
    </List>
  );
}
