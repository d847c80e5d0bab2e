import { buildDigest } from '../src/domain/digest.ts';
import { localDateAt, type LocalDate } from '../src/domain/local-date.ts';
import { coChairsOf, type Network } from '../src/domain/networks.ts';
import type { Outgoing } from '../src/messaging/deliver.ts';
import { coverageIn, deliver, jobReport, networksInScope } from './shared.ts';
import type { Job, JobDeps } from './types.ts';
import { digestReply } from './views/digest.ts';

/**
 * Monday morning, each co-chair gets their network's week: actions done and
 * added last week, those overdue now, live actions by RAG, and the
 * priorities in force that have no live action.
 */
const digest: Job = {
  name: 'digest',
  schedule: '30 8 * * 1',
  summary: "Send each network's co-chairs last week's digest: done, new, overdue, RAG counts and priorities with no live action",
  async run(deps, now) {
    const today = localDateAt(now, deps.config.timeZone);
    const networks = await deps.store.transaction((tx) => networksInScope(tx, deps));
    const messages = networks.flatMap((network) => coChairsOf(network).sort().map((coChair) => digestFor(network, coChair, deps, now, today)));
    const delivery = await deliver('digest', messages, deps, today);
    deps.log.child({ job: 'digest' }).info({ today, networks: networks.length, ...delivery }, 'digest run finished');
    return jobReport(delivery, { today, networks: networks.length });
  },
};

export default digest;

function digestFor(network: Network, coChair: string, deps: JobDeps, now: Date, today: LocalDate): Outgoing {
  return {
    key: { recipient: coChair, subject: network.code, kind: 'digest', day: today },
    to: { direct: coChair },
    network: network.code,
    async compose(tx) {
      const current = await tx.network(network.code);
      if (!current || !coChairsOf(current).includes(coChair)) return undefined;
      const actions = await tx.actionsOfNetwork(network.code);
      const week = buildDigest(actions, await coverageIn(tx, deps.shippedFrameworks, current, actions), now, deps.config.timeZone);
      return { reply: digestReply(current, week, now, deps.config.timeZone), actionIds: [...new Set([...week.done, ...week.created, ...week.overdue].map((a) => a.id))] };
    },
  };
}
