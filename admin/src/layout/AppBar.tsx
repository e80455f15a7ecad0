import { Chip, Typography } from '@mui/material';
import {
  AppBar as RaAppBar,
  LoadingIndicator,
  LocalesMenuButton,
  TitlePortal,
  useGetIdentity,
  useTranslate,
} from 'react-admin';
import { AlertsBadge } from './AlertsBadge';

// Operators switch roles between accounts; showing the role avoids "why is the button gone".
function RoleChip() {
  const { identity } = useGetIdentity();
  const translate = useTranslate();
  const role = typeof identity?.role === 'string' ? identity.role : undefined;
  if (!role) return null;
  return <Chip size="small" color="secondary" label={translate(`vinculo.role.${role}`, { _: role })} sx={{ mx: 1 }} />;
}

/** The top bar: page title, language switch, the signed-in role. */
export function AppBar() {
  return (
    <RaAppBar
      toolbar={
        <>
          <AlertsBadge />
          <RoleChip />
          <LocalesMenuButton />
          <LoadingIndicator />
        </>
      }
    >
      <Typography variant="h6" component="span" sx={{ mr: 2, fontWeight: 600 }}>
        Vínculo
      </Typography>
      <TitlePortal />
    </RaAppBar>
  );
}
