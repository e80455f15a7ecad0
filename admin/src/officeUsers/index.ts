import BadgeIcon from '@mui/icons-material/Badge';
import { OfficeUserCreate } from './OfficeUserCreate';
import { OfficeUserList } from './OfficeUserList';
import { OfficeUserShow } from './OfficeUserShow';

export default {
  list: OfficeUserList,
  show: OfficeUserShow,
  create: OfficeUserCreate,
  icon: BadgeIcon,
  recordRepresentation: 'name',
};
