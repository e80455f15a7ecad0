import { Alert, AlertTitle, Box } from '@mui/material';
import RestartAltIcon from '@mui/icons-material/RestartAlt';
import { useRefresh, useTranslate } from 'react-admin';
import type { ResetResult } from '../../../contracts/api';
import { ReasonActionButton } from '../common/ReasonActionButton';
import { postJson } from '../httpClient';
import type { InstanceRecord } from '../types';

/**
 * A process whose workflow task keeps failing cannot move at all: what happened, in words, and
 * what can be done (fix the code, then reset it to its last good step, with a reason).
 */
export function TaskFailurePanel({ record, canReset }: { record: InstanceRecord; canReset: boolean }) {
  const translate = useTranslate();
  const refresh = useRefresh();
  if (!record.taskFailureType || record.status !== 'running') return null;
  const kind = record.taskFailureType === 'nondeterminism' ? 'nondeterminism' : 'thrown';
  return (
    <Alert severity="error" data-testid="task-failure">
      <AlertTitle>{translate('vinculo.taskFailure.title')}</AlertTitle>
      <Box component="p" sx={{ m: 0 }}>
        {translate(`vinculo.taskFailure.${kind}`, {
          since: (record.taskFailingSince ?? '').slice(0, 16).replace('T', ' '),
          count: record.taskFailures ?? 1,
        })}
      </Box>
      <Box component="pre" sx={{ whiteSpace: 'pre-wrap', fontSize: 12, my: 1 }}>
        {record.taskFailureMessage}
      </Box>
      <Box component="p" sx={{ m: 0 }}>
        {translate('vinculo.taskFailure.whatToDo')}
      </Box>
      {canReset && (
        <ReasonActionButton
          label="vinculo.taskFailure.reset"
          title="vinculo.taskFailure.resetTitle"
          icon={<RestartAltIcon />}
          onConfirm={async (reason) => {
            const { json } = await postJson(`/instances/${encodeURIComponent(record.id)}/reset`, { reason });
            const result = json as ResetResult;
            refresh();
            return translate('vinculo.taskFailure.resetDone', { event: result.resetTo });
          }}
        />
      )}
    </Alert>
  );
}
