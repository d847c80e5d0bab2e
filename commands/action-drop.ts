import { statusCommand } from './status-command.ts';

export default statusCommand({
  name: 'action drop',
  status: 'dropped',
  summary: 'Drop an action that is no longer needed; it stays in the history (owner or co-chair)',
  verb: 'dropped',
  example: 'action drop SW-3 note:"Superseded by national guidance"',
});
