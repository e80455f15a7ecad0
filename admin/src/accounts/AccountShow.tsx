import {
  DateField,
  FunctionField,
  Labeled,
  ReferenceField,
  Show,
  SimpleShowLayout,
  TextField,
  useTranslate,
} from 'react-admin';
import { InstanceLinkField } from '../common/InstanceLinkField';
import { AccountActions } from './AccountActions';
import { keyAgeDays, type Account } from './accountTypes';

/** One client account: its contract, plan, key and the processes that move them. */
export function AccountShow() {
  const translate = useTranslate();
  return (
    <Show>
      <SimpleShowLayout>
        <AccountActions />
        <ReferenceField source="companyId" reference="companies" link="show">
          <TextField source="name" />
        </ReferenceField>
        <TextField source="cnpj" />
        <ReferenceField source="officeId" reference="offices" link="show">
          <TextField source="name" />
        </ReferenceField>
        <TextField source="status" />
        <DateField source="statusChangedAt" showTime />
        <TextField source="planName" />
        <FunctionField source="payer" render={(r: Account) => translate(`resources.accounts.payers.${r.payer}`)} />
        <FunctionField
          source="pendingPlanId"
          render={(r: Account) =>
            r.pendingPlanId
              ? translate('resources.accounts.pendingPlan', {
                  plan: r.pendingPlanId,
                  date: new Date(r.pendingPlanAt ?? '').toLocaleString(),
                })
              : translate('resources.accounts.noPendingPlan')
          }
        />
        <FunctionField
          label="resources.accounts.fields.keyAge"
          render={(r: Account) => {
            const days = keyAgeDays(r.keyCreatedAt);
            return days === undefined
              ? translate('resources.accounts.noKey')
              : translate('resources.accounts.keyAgeDays', { smart_count: days });
          }}
        />
        <Labeled label="resources.accounts.fields.instanceId">
          <InstanceLinkField source="instanceId" />
        </Labeled>
        <Labeled label="resources.accounts.fields.pendingPlanInstanceId">
          <InstanceLinkField source="pendingPlanInstanceId" />
        </Labeled>
      </SimpleShowLayout>
    </Show>
  );
}
