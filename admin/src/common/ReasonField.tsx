import { TextField } from '@mui/material';
import { useTranslate } from 'react-admin';

/** The reason an audited action asks for: required, several lines, worded alike everywhere. */
export function ReasonField({ value, onChange }: { value: string; onChange: (reason: string) => void }) {
  const translate = useTranslate();
  return (
    <TextField
      label={translate('vinculo.nudge.reason')}
      helperText={translate('vinculo.nudge.reasonHelp')}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      required
      fullWidth
      multiline
      margin="dense"
    />
  );
}
