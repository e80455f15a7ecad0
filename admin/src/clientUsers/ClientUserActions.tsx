import AlternateEmailIcon from '@mui/icons-material/AlternateEmail';
import PersonOffIcon from '@mui/icons-material/PersonOff';
import { TopToolbar, usePermissions, useRecordContext, useTranslate } from 'react-admin';
import { ActionFormButton } from './ActionFormButton';

const released = ['inactive', 'cancelled', 'expired'];

/** What an operator does from a client user's page: correct the e-mail with the new address, deactivate. */
export function ClientUserActions() {
  const record = useRecordContext();
  const { permissions } = usePermissions<string>();
  const translate = useTranslate();
  if (!record || permissions === 'auditor') return <TopToolbar />;
  const id = encodeURIComponent(String(record.id));
  const active = !released.includes(String(record.status));
  return (
    <TopToolbar>
      {active && (
        <ActionFormButton
          label="vinculo.directoryActions.correctEmail"
          title={translate('vinculo.directoryActions.correctEmailTitle', { name: String(record.name) })}
          warning={translate('vinculo.directoryActions.correctEmailWarning', { email: String(record.email) })}
          icon={<AlternateEmailIcon />}
          schema="correctEmail"
          path={`/clientUsers/${id}/correct-email`}
          fields={[{ name: 'email', label: translate('vinculo.directoryActions.newEmail'), type: 'email' }]}
          done={translate('vinculo.directoryActions.emailCorrected')}
        />
      )}
      {active && (
        <ActionFormButton
          label="vinculo.directoryActions.deactivate"
          title={translate('vinculo.directoryActions.deactivateTitle', { name: String(record.name) })}
          warning={translate('vinculo.directoryActions.deactivateClientWarning')}
          icon={<PersonOffIcon />}
          schema="deactivate"
          path={`/clientUsers/${id}/deactivate`}
          done={translate('vinculo.directoryActions.deactivated')}
        />
      )}
    </TopToolbar>
  );
}
