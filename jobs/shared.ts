import type { Action } from '../src/domain/actions.ts';
import { buildCoverage, type CoverageRow } from '../src/domain/coverage.ts';
import type { FrameworkCatalogue } from '../src/domain/frameworks.ts';
import type { LocalDate } from '../src/domain/local-date.ts';
import { addDays } from '../src/domain/local-date.ts';
import type { Network } from '../src/domain/networks.ts';
import { deliverAll, type DeliveryReport, type Outgoing } from '../src/messaging/deliver.ts';
import { pruneLedger } from '../src/messaging/ledger.ts';
import type { StoreTx } from '../src/store/store.ts';
import type { JobDeps, JobReport } from './types.ts';

/** Ledger entries are kept this long; only a day's own entries stop its messages going twice. */
export const LEDGER_RETENTION_DAYS = 35;

/** The networks a run covers, in code order. */
export async function networksInScope(tx: StoreTx, deps: Pick<JobDeps, 'networks'>): Promise<Network[]> {
  const all = (await tx.networks()).sort((a, b) => a.code.localeCompare(b.code));
  return deps.networks ? all.filter((n) => deps.networks!.includes(n.code)) : all;
}

/** The network's coverage, from the store as the transaction sees it (shipped and imported frameworks). */
export async function coverageIn(tx: StoreTx, shipped: FrameworkCatalogue, network: Network, actions: readonly Action[]): Promise<CoverageRow[]> {
  const catalogue = (await tx.importedFrameworks()).reduce((c, f) => c.with(f), shipped);
  return buildCoverage(network, catalogue, await tx.workplanOfNetwork(network.code), actions);
}

/** Sends a run's messages through the ledger (see deliverAll), first pruning entries too old to matter. */
export async function deliver(job: string, messages: readonly Outgoing[], deps: JobDeps, today: LocalDate): Promise<DeliveryReport> {
  await deps.store.transaction((tx) => pruneLedger(tx, addDays(today, -LEDGER_RETENTION_DAYS)));
  return deliverAll(messages, {
    store: deps.store, messenger: deps.messenger, log: deps.log, job, clock: deps.clock,
    ...(deps.signal && { signal: deps.signal }),
  });
}

export function jobReport(delivery: DeliveryReport, detail: Record<string, unknown> = {}): JobReport {
  return {
    sent: delivery.sent,
    skipped: delivery.alreadySent + delivery.claimedElsewhere + delivery.nothingLeft,
    failed: delivery.refused + delivery.inDoubt,
    detail: { ...detail, ...delivery },
  };
}

/** At most `limit` entries, then a line saying how many more. */
export function capped<T>(items: readonly T[], limit: number): { shown: T[]; more: number } {
  return { shown: items.slice(0, limit), more: Math.max(0, items.length - limit) };
}
