import PersonOffIcon from '@mui/icons-material/PersonOff';
import VerifiedUserIcon from '@mui/icons-material/VerifiedUser';
import { TopToolbar, usePermissions, useRecordContext, useTranslate } from 'react-admin';
import { ActionFormButton } from '../clientUsers/ActionFormButton';

/** What an operator does from an office user's page: confirm the credentials after a call, deactivate. */
export function OfficeUserActions() {
  const record = useRecordContext();
  const { permissions } = usePermissions<string>();
  const translate = useTranslate();
  if (!record || permissions === 'auditor' || !record.active) return <TopToolbar />;
  const id = encodeURIComponent(String(record.id));
  return (
    <TopToolbar>
      <ActionFormButton
        label="vinculo.directoryActions.credentialsVerified"
        title={translate('vinculo.directoryActions.credentialsVerifiedTitle', { name: String(record.name) })}
        warning={translate('vinculo.directoryActions.credentialsVerifiedWarning', { email: String(record.email) })}
        icon={<VerifiedUserIcon />}
        schema="credentialsVerified"
        path={`/officeUsers/${id}/credentials/verified`}
        done={translate('vinculo.directoryActions.credentialsRecorded')}
      />
      <ActionFormButton
        label="vinculo.directoryActions.deactivate"
        title={translate('vinculo.directoryActions.deactivateTitle', { name: String(record.name) })}
        warning={translate('vinculo.directoryActions.deactivateOfficeWarning')}
        icon={<PersonOffIcon />}
        schema="deactivate"
        path={`/officeUsers/${id}/deactivate`}
        done={translate('vinculo.directoryActions.deactivated')}
      />
    </TopToolbar>
  );
}
