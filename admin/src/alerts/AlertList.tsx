import CheckIcon from '@mui/icons-material/Check';
import {
  Datagrid,
  DateField,
  FunctionField,
  List,
  SelectInput,
  TextField,
  usePermissions,
  useRecordContext,
  useRefresh,
  useTranslate,
  type RaRecord,
} from 'react-admin';
import { InstanceLinkField } from '../common/InstanceLinkField';
import { ReasonActionButton } from '../common/ReasonActionButton';
import { postJson } from '../httpClient';

const filters = [
  <SelectInput
    key="kind"
    source="kind"
    choices={[
      { id: 'stuck', name: 'vinculo.alerts.kind.stuck' },
      { id: 'failing', name: 'vinculo.alerts.kind.failing' },
      { id: 'taskFailing', name: 'vinculo.alerts.kind.taskFailing' },
    ]}
    alwaysOn
  />,
];

/** Acknowledges an alert with a reason: it leaves the next digests and its webhook is not sent. */
function AckButton() {
  const record = useRecordContext();
  const refresh = useRefresh();
  const { permissions } = usePermissions<string>();
  const translate = useTranslate();
  if (!record || record.acknowledgedAt || permissions === 'auditor') return null;
  return (
    <span onClick={(e) => e.stopPropagation()}>
      <ReasonActionButton
        label="vinculo.alerts.acknowledge"
        title={translate('vinculo.alerts.acknowledgeTitle', {
          machine: String(record.machine),
          state: String(record.state),
        })}
        icon={<CheckIcon />}
        onConfirm={async (reason) => {
          await postJson(`/alerts/${encodeURIComponent(String(record.id))}/ack`, { reason });
          refresh();
        }}
      />
    </span>
  );
}

const situationOf = (r: RaRecord) => (r.clearedAt ? 'cleared' : r.acknowledgedAt ? 'acknowledged' : 'open');

/** Processes that became stuck or whose activity keeps failing, newest first. */
export function AlertList() {
  const translate = useTranslate();
  return (
    <List filters={filters} sort={{ field: 'raisedAt', order: 'DESC' }}>
      <Datagrid bulkActionButtons={false} rowClick={false}>
        <DateField source="raisedAt" showTime />
        <FunctionField source="kind" render={(r: RaRecord) => translate(`vinculo.alerts.kind.${String(r.kind)}`)} />
        <TextField source="machine" />
        <TextField source="state" />
        <InstanceLinkField source="instanceId" />
        <FunctionField
          label="vinculo.alerts.situation"
          render={(r: RaRecord) => translate(`vinculo.alerts.situations.${situationOf(r)}`)}
        />
        <TextField source="webhookStatus" />
        <AckButton />
      </Datagrid>
    </List>
  );
}
