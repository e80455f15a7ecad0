import { Alert } from '@mui/material';
import { useTranslate } from 'react-admin';
import { predictOutcome } from '../../machines/graph';
import type { MachineDescription } from '../../types';

interface Props {
  machine?: MachineDescription;
  state: string;
  event: string;
  stateLabel: (path: string) => string;
}

/** "From X this event leads to Y", read from the machine's transitions before sending. */
export function OutcomePreview({ machine, state, event, stateLabel }: Props) {
  const translate = useTranslate();
  if (!machine) return null;
  const outcomes = predictOutcome(machine, state, event);
  return (
    <>
      {outcomes.map(({ from, targets }) => {
        const fromLabel = stateLabel(from);
        const moving = targets.filter((t): t is string => t !== null);
        let text: string;
        if (targets.length === 0) text = translate('vinculo.nudge.previewUnknown', { from: fromLabel });
        else if (moving.length === 0) text = translate('vinculo.nudge.previewStays', { from: fromLabel });
        else {
          const to = moving.map(stateLabel).join(translate('vinculo.nudge.or'));
          text = translate('vinculo.nudge.preview', { from: fromLabel, to });
        }
        return (
          <Alert key={from} severity={targets.length === 0 ? 'warning' : 'info'} data-testid="outcome-preview">
            {text}
          </Alert>
        );
      })}
    </>
  );
}
