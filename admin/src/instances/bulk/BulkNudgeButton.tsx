import { useState } from 'react';
import TouchAppIcon from '@mui/icons-material/TouchApp';
import { Button, useListContext, useLocaleState } from 'react-admin';
import { pickLabel } from '../../i18n';
import { useMachines } from '../../machines/useMachines';
import type { MachineEvent } from '../../types';
import { BulkNudgeDialog } from './BulkNudgeDialog';

/** The instance list's bulk action: nudge every selected process with the same event. */
export function BulkNudgeButton() {
  const { selectedIds, data = [], onUnselectItems } = useListContext();
  const { data: machines = [] } = useMachines();
  const [locale] = useLocaleState();
  const [open, setOpen] = useState(false);

  // Selected rows off the current page are unknown here, so then every machine's events are offered.
  const selectedMachines = new Set(data.filter((r) => selectedIds.includes(r.id)).map((r) => String(r.machine)));
  const allKnown = data.filter((r) => selectedIds.includes(r.id)).length === selectedIds.length;
  const events = new Map<string, { event: MachineEvent; label: string }>();
  for (const machine of machines) {
    if (allKnown && !selectedMachines.has(machine.id)) continue;
    for (const event of machine.events.filter((e) => e.operator)) {
      if (!events.has(event.type)) events.set(event.type, { event, label: pickLabel(event.label, locale, event.type) });
    }
  }

  return (
    <>
      <Button label="vinculo.bulk.button" onClick={() => setOpen(true)}>
        <TouchAppIcon />
      </Button>
      {open && (
        <BulkNudgeDialog
          ids={selectedIds}
          events={[...events.values()]}
          onClose={(applied) => {
            setOpen(false);
            if (applied) onUnselectItems();
          }}
        />
      )}
    </>
  );
}
