import BusinessIcon from '@mui/icons-material/Business';
import { OfficeCreate } from './OfficeCreate';
import { OfficeList } from './OfficeList';
import { OfficeShow } from './OfficeShow';

export default {
  list: OfficeList,
  show: OfficeShow,
  create: OfficeCreate,
  icon: BusinessIcon,
  recordRepresentation: 'name',
};
