import HandshakeIcon from '@mui/icons-material/Handshake';
import { ConnectionRequestCreate } from './ConnectionRequestCreate';
import { ConnectionRequestList } from './ConnectionRequestList';
import { ConnectionRequestShow } from './ConnectionRequestShow';

export default {
  list: ConnectionRequestList,
  show: ConnectionRequestShow,
  create: ConnectionRequestCreate,
  icon: HandshakeIcon,
};
