import AccountBalanceIcon from '@mui/icons-material/AccountBalance';
import { AccountCreate } from './AccountCreate';
import { AccountList } from './AccountList';
import { AccountShow } from './AccountShow';

export default {
  list: AccountList,
  show: AccountShow,
  create: AccountCreate,
  icon: AccountBalanceIcon,
  recordRepresentation: 'companyName',
};
