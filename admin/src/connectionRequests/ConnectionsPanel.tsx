import { BooleanField, Datagrid, ReferenceManyField, SelectField, TextField, useTranslate } from 'react-admin';
import { Typography } from '@mui/material';
import { connectionStateChoices, directionChoices } from '../common/choices';
import { DateTimeField } from '../common/DateTimeField';

/** The connection requests of the office or company on screen, newest first, named (not ids). */
export function ConnectionsPanel({ target }: { target: 'officeId' | 'companyId'; label?: string }) {
  const translate = useTranslate();
  return (
    <ReferenceManyField
      label="vinculo.connections.title"
      reference="connectionRequests"
      target={target}
      sort={{ field: 'createdAt', order: 'DESC' }}
      empty={<Typography variant="body2">{translate('vinculo.connections.none')}</Typography>}
    >
      <Datagrid rowClick="show" bulkActionButtons={false} data-testid="connections">
        <SelectField source="direction" choices={directionChoices} />
        {target === 'companyId' ? <TextField source="officeName" /> : <TextField source="companyName" />}
        <TextField source="email" />
        <SelectField source="state" choices={connectionStateChoices} />
        <BooleanField source="connected" />
        <DateTimeField source="createdAt" />
      </Datagrid>
    </ReferenceManyField>
  );
}
