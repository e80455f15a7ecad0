import MailIcon from '@mui/icons-material/Mail';
import { OutboxList } from './OutboxList';
import { OutboxShow } from './OutboxShow';

export default { list: OutboxList, show: OutboxShow, icon: MailIcon, recordRepresentation: 'subject' };
