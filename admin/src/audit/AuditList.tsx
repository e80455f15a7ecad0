import DownloadIcon from '@mui/icons-material/Download';
import { Button as MuiButton } from '@mui/material';
import { Datagrid, FilterButton, List, SearchInput, TextField, TextInput, TopToolbar, useTranslate } from 'react-admin';
import { DateTimeField } from '../common/DateTimeField';
import { AuditTargetField } from './AuditTargetField';
import { exportUrl } from '../dataProvider';
import { VerifyChainButton } from './VerifyChainButton';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <TextInput key="actor" source="actor" />,
  <TextInput key="action" source="action" />,
  <TextInput key="target" source="target" />,
];

// The export is the server's CSV of the whole log, not react-admin's page-by-page export.
function AuditActions() {
  const translate = useTranslate();
  return (
    <TopToolbar>
      <FilterButton />
      <VerifyChainButton />
      <MuiButton size="small" href={exportUrl.audit('csv')} download startIcon={<DownloadIcon />}>
        {translate('vinculo.audit.exportCsv')}
      </MuiButton>
    </TopToolbar>
  );
}

/** The append-only audit log, newest first. */
export function AuditList() {
  return (
    // An empty log still needs its toolbar: verifying an empty chain is a valid check.
    <List filters={filters} actions={<AuditActions />} empty={false} sort={{ field: 'at', order: 'DESC' }} perPage={50}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <DateTimeField source="at" />
        <TextField source="actor" />
        <TextField source="action" />
        <AuditTargetField source="target" />
        <TextField source="reason" />
        <TextField
          source="hash"
          sx={{
            fontFamily: 'monospace',
            display: 'block',
            maxWidth: 120,
            overflow: 'hidden',
            textOverflow: 'ellipsis',
          }}
        />
      </Datagrid>
    </List>
  );
}
