import AccountTreeIcon from '@mui/icons-material/AccountTree';
import { InstanceList } from './InstanceList';
import { InstanceShow } from './InstanceShow';

export default {
  list: InstanceList,
  show: InstanceShow,
  icon: AccountTreeIcon,
  recordRepresentation: 'id',
};
