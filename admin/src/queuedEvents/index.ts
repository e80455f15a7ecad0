import OutboxIcon from '@mui/icons-material/MoveToInbox';
import { QueuedEventList } from './QueuedEventList';
import { QueuedEventShow } from './QueuedEventShow';

export default { list: QueuedEventList, show: QueuedEventShow, icon: OutboxIcon, recordRepresentation: 'eventType' };
