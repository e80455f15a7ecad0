import { useState } from 'react';
import { Button, Menu, MenuItem } from '@mui/material';
import DownloadIcon from '@mui/icons-material/Download';
import OpenInNewIcon from '@mui/icons-material/OpenInNew';
import { RefreshButton, TopToolbar, useRecordContext, useTranslate } from 'react-admin';
import { exportUrl } from '../dataProvider';
import type { InstanceRecord } from '../types';
import { useSnapshot } from './useInstanceData';

/** Export links: the browser downloads the file with the session cookie. */
function ExportMenu({ id }: { id: InstanceRecord['id'] }) {
  const translate = useTranslate();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const close = () => setAnchor(null);
  return (
    <>
      <Button startIcon={<DownloadIcon />} onClick={(e) => setAnchor(e.currentTarget)} size="small">
        {translate('vinculo.instance.export')}
      </Button>
      <Menu anchorEl={anchor} open={anchor !== null} onClose={close}>
        <MenuItem component="a" href={exportUrl.instance(id, 'json')} download onClick={close}>
          {translate('vinculo.instance.exportJson')}
        </MenuItem>
        <MenuItem component="a" href={exportUrl.instance(id, 'csv')} download onClick={close}>
          {translate('vinculo.instance.exportCsv')}
        </MenuItem>
      </Menu>
    </>
  );
}

/** The instance page's toolbar: Temporal UI link when the server gives one, export, refresh. */
export function InstanceActions() {
  const record = useRecordContext<InstanceRecord>();
  const translate = useTranslate();
  const { data: snapshot } = useSnapshot(record?.id);
  if (!record) return null;
  const temporalUiUrl = snapshot?.temporalUiUrl ?? record.temporalUiUrl;
  return (
    <TopToolbar>
      {temporalUiUrl && (
        <Button
          href={temporalUiUrl}
          target="_blank"
          rel="noopener noreferrer"
          size="small"
          startIcon={<OpenInNewIcon />}
        >
          {translate('vinculo.instance.temporalUi')}
        </Button>
      )}
      <ExportMenu id={record.id} />
      <RefreshButton />
    </TopToolbar>
  );
}
