import NotificationsIcon from '@mui/icons-material/Notifications';
import { AlertList } from './AlertList';

export default { list: AlertList, icon: NotificationsIcon };
