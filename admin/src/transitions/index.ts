import TimelineIcon from '@mui/icons-material/Timeline';
import { TransitionList } from './TransitionList';
import { TransitionShow } from './TransitionShow';

export default { list: TransitionList, show: TransitionShow, icon: TimelineIcon };
