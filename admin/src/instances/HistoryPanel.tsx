import { useState } from 'react';
import { Accordion, AccordionDetails, AccordionSummary, Alert, Box, CircularProgress, Typography } from '@mui/material';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import { useTranslate, type Identifier } from 'react-admin';
import { useHistory } from './useInstanceData';

/** The raw Temporal event history, fetched when the panel is first opened. */
export function HistoryPanel({ instanceId }: { instanceId: Identifier }) {
  const translate = useTranslate();
  const [opened, setOpened] = useState(false);
  const { data, error, isPending } = useHistory(instanceId, opened);
  return (
    <Accordion
      onChange={(_, expanded) => expanded && setOpened(true)}
      slotProps={{ transition: { unmountOnExit: true } }}
    >
      <AccordionSummary expandIcon={<ExpandMoreIcon />}>
        <Typography variant="h6">{translate('vinculo.instance.history')}</Typography>
      </AccordionSummary>
      <AccordionDetails>
        {error ? (
          <Alert severity="error">{error.message}</Alert>
        ) : isPending ? (
          <CircularProgress size={24} />
        ) : (
          <JsonBlock value={data} />
        )}
      </AccordionDetails>
    </Accordion>
  );
}

/** Pretty-printed JSON in a scrollable monospace block. */
export function JsonBlock({ value }: { value: unknown }) {
  return (
    <Box
      component="pre"
      sx={{ m: 0, p: 1, maxHeight: 480, overflow: 'auto', fontSize: 12, bgcolor: 'action.hover', borderRadius: 1 }}
    >
      {JSON.stringify(value, null, 2)}
    </Box>
  );
}
