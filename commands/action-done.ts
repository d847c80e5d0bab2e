import { statusCommand } from './status-command.ts';

export default statusCommand({
  name: 'action done',
  status: 'done',
  summary: 'Mark an action done (owner or co-chair)',
  verb: 'marked done',
  example: 'action done SW-2 note:"Audit report shared with ADASS"',
});
