import FactCheckIcon from '@mui/icons-material/FactCheck';
import { AuditList } from './AuditList';
import { AuditShow } from './AuditShow';

export default { list: AuditList, show: AuditShow, icon: FactCheckIcon };
