import PersonIcon from '@mui/icons-material/Person';
import { ClientUserCreate } from './ClientUserCreate';
import { ClientUserList } from './ClientUserList';
import { ClientUserShow } from './ClientUserShow';

export default {
  list: ClientUserList,
  show: ClientUserShow,
  create: ClientUserCreate,
  icon: PersonIcon,
  recordRepresentation: 'name',
};
