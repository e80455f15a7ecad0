import {
  BooleanField,
  BulkActionsToolbar,
  Datagrid,
  SelectAllButton,
  List,
  TextField,
  usePermissions,
} from 'react-admin';
import { DateTimeField } from '../common/DateTimeField';
import { StatusField } from '../common/StatusField';
import { MachineField, StateField } from '../machines/MachineFields';
import { BulkNudgeButton } from './bulk/BulkNudgeButton';
import { EntityLabelField, OfficeNameField } from './EntityFields';
import { useInstanceFilters } from './instanceFilters';
import { bulkLimit } from '../../../domain/settings.js';

/** The most ids POST /api/instances/bulk-events takes in one call. */
const BULK_LIMIT = bulkLimit;

/** Every process, newest activity first, with the bulk nudge for those allowed to nudge. */
export function InstanceList() {
  const filters = useInstanceFilters();
  const { permissions } = usePermissions<string>();
  const canNudge = permissions === 'admin' || permissions === 'operator';
  return (
    <List filters={filters} sort={{ field: 'updatedAt', order: 'DESC' }} perPage={25}>
      <Datagrid
        rowClick="show"
        bulkActionButtons={canNudge ? <BulkNudgeButton /> : false}
        // "Select all" takes every process matching the filters, up to what one bulk call accepts.
        bulkActionsToolbar={
          canNudge ? (
            <BulkActionsToolbar selectAllButton={<SelectAllButton limit={BULK_LIMIT} />}>
              <BulkNudgeButton />
            </BulkActionsToolbar>
          ) : undefined
        }
      >
        {/* Names, not ids: the process's id and its entity's are on hover and one click away. */}
        <EntityLabelField source="label" />
        <MachineField source="machine" />
        <StateField source="state" />
        <StatusField source="status" />
        <OfficeNameField source="officeName" sortable={false} />
        <DateTimeField source="updatedAt" />
        <DateTimeField source="nextTimerAt" />
        <BooleanField source="stuck" />
        <TextField
          source="lastError"
          sx={{ maxWidth: 280, display: 'block', overflow: 'hidden', textOverflow: 'ellipsis' }}
        />
      </Datagrid>
    </List>
  );
}
