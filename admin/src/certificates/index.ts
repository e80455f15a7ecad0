import VerifiedUserIcon from '@mui/icons-material/VerifiedUser';
import { CertificateList } from './CertificateList';
import { CertificateShow } from './CertificateShow';

export default {
  list: CertificateList,
  show: CertificateShow,
  icon: VerifiedUserIcon,
  recordRepresentation: 'companyName',
};
