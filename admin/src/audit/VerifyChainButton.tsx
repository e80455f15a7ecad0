import { useState } from 'react';
import LinkIcon from '@mui/icons-material/Link';
import { Button, useDataProvider, useNotify } from 'react-admin';
import type { VinculoDataProvider } from '../dataProvider';

/** Asks the server to recompute the audit log's hash chain and says whether it holds. */
export function VerifyChainButton() {
  const dataProvider = useDataProvider<VinculoDataProvider>();
  const notify = useNotify();
  const [checking, setChecking] = useState(false);

  const verify = async () => {
    setChecking(true);
    try {
      const result = await dataProvider.verifyAudit();
      if (result.ok) {
        notify('vinculo.audit.verified', { type: 'success', messageArgs: { checked: result.checked } });
      } else {
        notify('vinculo.audit.broken', {
          type: 'error',
          autoHideDuration: null,
          messageArgs: { id: String(result.firstBrokenId ?? '?'), message: result.message },
        });
      }
    } catch (error) {
      notify(error instanceof Error ? error.message : String(error), { type: 'error' });
    } finally {
      setChecking(false);
    }
  };
  return (
    <Button label="vinculo.audit.verify" onClick={verify} disabled={checking}>
      <LinkIcon />
    </Button>
  );
}
