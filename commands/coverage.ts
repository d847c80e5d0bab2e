import { noArguments } from './args.ts';
import { showCoverage } from '../src/app/coverage.ts';
import { coverageState, type CoverageRow } from '../src/domain/coverage.ts';
import { inTransaction } from './format.ts';
import { context, heading, list, reply, type ReplyBlock } from './reply.ts';
import { defineCommand } from './types.ts';

const STATE_LABEL = { covered: 'Covered', 'planned-only': 'Workplan only, no live action', uncovered: 'No work' } as const;

function describe(row: CoverageRow): string {
  const state = coverageState(row);
  const actions = row.liveActions.map((a) => a.id).join(', ');
  const items = row.workplanItems.map((w) => w.id).join(', ');
  const detail = [actions && `actions ${actions}`, items && `workplan ${items}`].filter(Boolean).join('; ');
  return `${row.code} ${row.title}: ${STATE_LABEL[state]}${detail ? ` (${detail})` : ''}`;
}

export default defineCommand({
  name: 'coverage',
  summary: 'Show which priorities have workplan items and live actions, and which have none',
  usage: 'coverage',
  examples: ['coverage'],
  args: noArguments(),
  async run(_args, ctx) {
    const { network, rows } = await inTransaction(ctx, (op) => showCoverage(op));
    const covered = rows.filter((r) => coverageState(r) === 'covered').length;
    const gaps = rows.filter((r) => coverageState(r) !== 'covered');
    const blocks: ReplyBlock[] = [
      heading(`${network.name} coverage: ${covered} of ${rows.length} priorities have live actions`),
    ];
    for (const frameworkCode of network.adoptedFrameworks) {
      const own = rows.filter((r) => r.frameworkCode === frameworkCode);
      if (own.length > 0) blocks.push({ type: 'text', text: `*${frameworkCode}*` }, list(own.map(describe)));
    }
    blocks.push(gaps.length === 0
      ? context('Every priority has at least one live action.')
      : { type: 'text', text: `*Priorities with no live action (${gaps.length}):* ${gaps.map((r) => r.code).join(', ')}` });
    return reply(...blocks);
  },
});
