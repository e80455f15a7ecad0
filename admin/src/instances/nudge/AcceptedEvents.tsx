import { useState } from 'react';
import { Button, Stack, Typography } from '@mui/material';
import { useLocaleState, useTranslate, type Identifier } from 'react-admin';
import { pickLabel } from '../../i18n';
import type { MachineDescription, MachineEvent } from '../../types';
import { SendEventDialog } from './SendEventDialog';

interface Props {
  instanceId: Identifier;
  can: string[];
  machine?: MachineDescription;
  state: string;
  stateLabel: (path: string) => string;
}

/** One button per event the process accepts now, each opening the send dialog. */
export function AcceptedEvents({ instanceId, can, machine, state, stateLabel }: Props) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const [chosen, setChosen] = useState<MachineEvent>();
  const described = new Map(machine?.events.map((e) => [e.type, e]));
  // The server's `can` is the truth; the description only adds labels and payload schemas.
  const events = can
    .map((type) => described.get(type) ?? { type, label: { en: type }, operator: true })
    .filter((e) => e.operator);
  const labelOf = (e: MachineEvent) => pickLabel(e.label, locale, e.type);

  if (events.length === 0) {
    return <Typography color="text.secondary">{translate('vinculo.instance.noAcceptedEvents')}</Typography>;
  }
  return (
    <>
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
        {events.map((e) => (
          <Button key={e.type} variant="outlined" onClick={() => setChosen(e)} data-event={e.type}>
            {labelOf(e)}
          </Button>
        ))}
      </Stack>
      {chosen && (
        <SendEventDialog
          instanceId={instanceId}
          event={chosen}
          eventLabel={labelOf(chosen)}
          machine={machine}
          state={state}
          stateLabel={stateLabel}
          onClose={() => setChosen(undefined)}
        />
      )}
    </>
  );
}
