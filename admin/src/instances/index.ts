import AccountTreeIcon from '@mui/icons-material/AccountTree';
import { InstanceList } from './InstanceList';
import { InstanceShow } from './InstanceShow';
import type { InstanceRecord } from '../types';

export default {
  list: InstanceList,
  show: InstanceShow,
  icon: AccountTreeIcon,
  // The page's title names whom the process is about; the id stays in the address bar.
  recordRepresentation: (record: InstanceRecord) => record.label ?? record.id,
};
