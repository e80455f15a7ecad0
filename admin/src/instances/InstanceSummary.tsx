import { Box } from '@mui/material';
import { BooleanField, Labeled, NumberField, TextField } from 'react-admin';
import { DateTimeField } from '../common/DateTimeField';
import { StatusField } from '../common/StatusField';
import { MachineField, StateField } from '../machines/MachineFields';
import { EntityLabelField, OfficeNameField } from './EntityFields';

/** The projection row of the process, as a compact grid of labelled fields. */
export function InstanceSummary() {
  return (
    <Box
      data-testid="instance-summary"
      sx={{
        display: 'grid',
        gap: 2,
        gridTemplateColumns: { xs: '1fr 1fr', md: 'repeat(4, 1fr)', lg: 'repeat(6, 1fr)' },
      }}
    >
      <Labeled>
        <MachineField source="machine" />
      </Labeled>
      <Labeled>
        <NumberField source="machineVersion" />
      </Labeled>
      <Labeled>
        <StateField source="state" />
      </Labeled>
      <Labeled>
        <StatusField source="status" />
      </Labeled>
      <Labeled source="label">
        <EntityLabelField source="label" />
      </Labeled>
      <Labeled source="officeName">
        <OfficeNameField source="officeName" />
      </Labeled>
      <Labeled>
        <TextField source="entityType" />
      </Labeled>
      <Labeled>
        <DateTimeField source="startedAt" />
      </Labeled>
      <Labeled>
        <DateTimeField source="updatedAt" />
      </Labeled>
      <Labeled>
        <DateTimeField source="nextTimerAt" emptyText="—" />
      </Labeled>
      <Labeled>
        <BooleanField source="stuck" />
      </Labeled>
      <Labeled>
        <TextField source="lastError" emptyText="—" />
      </Labeled>
    </Box>
  );
}
