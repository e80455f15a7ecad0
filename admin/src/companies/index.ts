import StoreIcon from '@mui/icons-material/Store';
import { CompanyCreate } from './CompanyCreate';
import { CompanyList } from './CompanyList';
import { CompanyShow } from './CompanyShow';

export default {
  list: CompanyList,
  show: CompanyShow,
  create: CompanyCreate,
  icon: StoreIcon,
  recordRepresentation: 'name',
};
