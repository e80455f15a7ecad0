import SchemaIcon from '@mui/icons-material/Schema';
import { MachineList } from './MachineList';
import { MachinePage } from './MachinePage';

export default {
  list: MachineList,
  show: MachinePage,
  icon: SchemaIcon,
};
