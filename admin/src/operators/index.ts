import SupervisorAccountIcon from '@mui/icons-material/SupervisorAccount';
import { OperatorCreate } from './OperatorCreate';
import { OperatorEdit } from './OperatorEdit';
import { OperatorList } from './OperatorList';
import { OperatorShow } from './OperatorShow';

export default {
  list: OperatorList,
  show: OperatorShow,
  create: OperatorCreate,
  edit: OperatorEdit,
  icon: SupervisorAccountIcon,
  recordRepresentation: 'email',
};
