import { z } from 'zod';
import { updateAction, type Action } from '../domain/actions.ts';
import { buildCoverage, coverageState } from '../domain/coverage.ts';
import type { FrameworkCatalogue } from '../domain/frameworks.ts';
import { coChairsOf, type Network } from '../domain/networks.ts';
import type { Logger } from '../logger.ts';
import type { Messenger } from '../messaging/messenger.ts';
import { SerialQueue } from '../store/serial-queue.ts';
import type { Store, StoreTx } from '../store/store.ts';
import { backoffMs, SheetsError, type SheetsApi } from './sheets-client.ts';
import { SHEET_AUTHOR, STATUS_LABELS } from './row-values.ts';
import { failureNotice, invalidNotice, Outbox, pulledNotice, recoveryNotice } from './sync-messages.ts';
import {
  changeNote, planSync, type InvalidStatus, type NetworkCounts, type NetworkPlan, type NetworkSyncInput, type SyncBase, type SyncPlan,
} from './sync-plan.ts';

/**
 * Runs syncs: per spreadsheet, one read, a plan, at most one write, then the
 * store is brought up to date and people are told what they need to know.
 * Networks sharing a spreadsheet are synced together, since they share its
 * read, its write and its Summary tab.
 */

/** Record kinds this module owns (see StoreTx.record). */
export const RECORD_KINDS = {
  /** Hashes of what was last written to a network's tab; key "<spreadsheet>/<network>". */
  base: 'sheets-sync-base',
  /** Invalid statuses already reported; key "<spreadsheet>/<action ID>". */
  invalidStatus: 'sheets-invalid-status',
  /** A failing spreadsheet whose co-chairs have been told; key "<spreadsheet>". */
  failure: 'sheets-sync-failure',
} as const;

const baseSchema = z.object({ layout: z.string(), rows: z.record(z.string(), z.string()) });
const invalidSchema = z.object({ hash: z.string() });
const failureSchema = z.object({ code: z.string(), since: z.string() });

export interface SheetsSyncOptions {
  store: Store;
  shippedFrameworks: FrameworkCatalogue;
  api: SheetsApi;
  messenger: Messenger;
  log: Logger;
  timeZone: string;
  /** Where networks without a spreadsheet of their own sync; null: nowhere. */
  defaultSpreadsheetId: string | null;
}

export interface NetworkSyncReport extends NetworkCounts {
  code: string;
  name: string;
  tabCreated: boolean;
  tabRecreated: boolean;
  headersRepaired: { header: string; found: string }[];
  columnsRestored: string[];
  /** Actions whose status typed in the sheet was taken, with the new status. */
  pulledActions: { id: string; status: string }[];
  /** Actions whose Status cell holds something that is not a status. */
  invalidStatuses: string[];
  problems: string[];
}

export interface SyncFailure {
  code: string;
  message: string;
}

export type SpreadsheetSyncReport = {
  spreadsheetId: string;
  networks: NetworkSyncReport[];
  /** Codes of the networks on this spreadsheet. */
  networkCodes: string[];
  messagesSent: number;
  messagesFailed: number;
} & ({ ok: true; wrote: boolean; requests: number; summaryCreated: boolean } | { ok: false; failure: SyncFailure });

export interface SyncRunReport {
  spreadsheets: SpreadsheetSyncReport[];
  /** Networks with no spreadsheet to sync to. */
  unassigned: string[];
}

/**
 * One queue per spreadsheet per store, shared by every SheetsSync made on
 * that store (the job's and the commands'), so that two syncs of a
 * spreadsheet never overlap in this process and cannot both append a row.
 */
const queuesByStore = new WeakMap<Store, Map<string, SerialQueue>>();

export class SheetsSync {
  readonly #o: SheetsSyncOptions;
  readonly #log: Logger;
  readonly #queues: Map<string, SerialQueue>;

  constructor(options: SheetsSyncOptions) {
    this.#o = options;
    this.#log = options.log.child({ component: 'sheets-sync' });
    let queues = queuesByStore.get(options.store);
    if (!queues) queuesByStore.set(options.store, (queues = new Map<string, SerialQueue>()));
    this.#queues = queues;
  }

  get serviceAccountEmail(): string {
    return this.#o.api.serviceAccountEmail;
  }

  get defaultSpreadsheetId(): string | null {
    return this.#o.defaultSpreadsheetId;
  }

  spreadsheetFor(network: Network): string | null {
    return network.spreadsheetId ?? this.#o.defaultSpreadsheetId;
  }

  /** Every network, spreadsheet by spreadsheet; failures are reported to co-chairs once. */
  async syncAll(now: Date): Promise<SyncRunReport> {
    const networks = await this.#o.store.transaction((tx) => tx.networks());
    const bySheet = new Map<string, string[]>();
    const unassigned: string[] = [];
    for (const n of networks) {
      const id = this.spreadsheetFor(n);
      if (id === null) unassigned.push(n.code);
      else bySheet.set(id, [...(bySheet.get(id) ?? []), n.code]);
    }
    const spreadsheets: SpreadsheetSyncReport[] = [];
    for (const id of [...bySheet.keys()].sort()) spreadsheets.push(await this.syncSpreadsheet(id, now, { tellCoChairsOfFailure: true }));
    return { spreadsheets, unassigned };
  }

  /**
   * Syncs one spreadsheet (every network on it). Syncs of one spreadsheet
   * never overlap in this process, so two cannot both append the same rows.
   */
  syncSpreadsheet(spreadsheetId: string, now: Date, options: { tellCoChairsOfFailure: boolean }): Promise<SpreadsheetSyncReport> {
    let queue = this.#queues.get(spreadsheetId);
    if (!queue) this.#queues.set(spreadsheetId, (queue = new SerialQueue()));
    return queue.run(() => this.#sync(spreadsheetId, now, options.tellCoChairsOfFailure));
  }

  async #sync(spreadsheetId: string, now: Date, tellCoChairsOfFailure: boolean): Promise<SpreadsheetSyncReport> {
    const log = this.#log.child({ spreadsheet: spreadsheetId });
    const started = Date.now();
    const inputs = await this.#o.store.transaction((tx) => this.#inputs(tx, spreadsheetId));
    const networkCodes = inputs.map((i) => i.network.code);
    const messages = new Outbox(this.#o.messenger, log);
    let plan: SyncPlan;
    let wrote: boolean;
    try {
      ({ plan, wrote } = await this.#readPlanWrite(spreadsheetId, inputs, now, log));
    } catch (error) {
      const failure = describeFailure(error, log);
      if (tellCoChairsOfFailure) await this.#reportFailure(spreadsheetId, inputs.map((i) => i.network), failure, now, messages);
      log.warn({ code: failure.code, networks: networkCodes, ms: Date.now() - started }, 'sheets sync failed');
      return { spreadsheetId, ok: false, failure, networks: [], networkCodes, messagesSent: messages.sent, messagesFailed: messages.failed };
    }
    let outcome: CommitOutcome;
    try {
      outcome = await this.#o.store.transaction((tx) => this.#commit(tx, spreadsheetId, plan, inputs, now));
    } catch (error) {
      // The sheet was written but the bot could not save: the next sync sees the difference and sorts it out.
      const failure = describeFailure(error, log);
      return { spreadsheetId, ok: false, failure, networks: [], networkCodes, messagesSent: 0, messagesFailed: 0 };
    }
    for (const action of outcome.pulled) messages.queue(action.owner, pulledNotice(action, spreadsheetId));
    for (const { network, invalid } of outcome.invalidToReport) {
      for (const coChair of coChairsOf(network)) messages.queue(coChair, invalidNotice(network, invalid, spreadsheetId));
    }
    if (outcome.recovered) {
      for (const n of inputs) for (const coChair of coChairsOf(n.network)) messages.queue(coChair, recoveryNotice(n.network, spreadsheetId));
    }
    await messages.flush();
    const networks = plan.networks.map((p) => networkReport(p, inputs, outcome.pulled));
    logSheetInput(log, plan);
    log.info({
      networks: networkCodes, requests: plan.requests.length, wrote, ms: Date.now() - started,
      counts: Object.fromEntries(networks.map((n) => [n.code, { added: n.added, updated: n.updated, pulled: n.pulled, unchanged: n.unchanged }])),
    }, 'sheets sync done');
    return {
      spreadsheetId, ok: true, wrote, requests: plan.requests.length, summaryCreated: plan.summary.tabCreated,
      networks, networkCodes, messagesSent: messages.sent, messagesFailed: messages.failed,
    };
  }

  /**
   * One read, one plan, at most one write. A write that failed in a way
   * that leaves it uncertain (5xx, no answer) is followed by a fresh read
   * and plan rather than sent again, so nothing is applied twice.
   */
  async #readPlanWrite(spreadsheetId: string, inputs: NetworkSyncInput[], now: Date, log: Logger): Promise<{ plan: SyncPlan; wrote: boolean }> {
    const { api } = this.#o;
    const earlier: SyncPlan[] = [];
    for (let attempt = 1; ; attempt++) {
      const snapshot = await api.read(spreadsheetId);
      const plan = withEarlierCaptures(planSync({ snapshot, networks: inputs, now, timeZone: this.#o.timeZone }), earlier);
      if (plan.requests.length === 0) return { plan, wrote: attempt > 1 };
      try {
        await api.write(spreadsheetId, plan.requests);
        return { plan, wrote: true };
      } catch (error) {
        earlier.push(plan);
        if (!(error instanceof SheetsError) || !error.uncertain || attempt >= api.retry.attempts) throw error;
        const wait = backoffMs(api.retry, attempt, undefined);
        log.warn({ attempt, waitMs: wait, status: error.status ?? null }, 'sheets write may or may not have been applied; reading again before retrying');
        await api.retry.sleep(wait);
      }
    }
  }

  async #inputs(tx: StoreTx, spreadsheetId: string): Promise<NetworkSyncInput[]> {
    const networks = (await tx.networks()).filter((n) => this.spreadsheetFor(n) === spreadsheetId).sort((a, b) => a.code.localeCompare(b.code));
    const catalogue = (await tx.importedFrameworks()).reduce((c, f) => c.with(f), this.#o.shippedFrameworks);
    const reported = await tx.records(RECORD_KINDS.invalidStatus);
    const inputs: NetworkSyncInput[] = [];
    for (const network of networks) {
      const [actions, workplan] = await Promise.all([tx.actionsOfNetwork(network.code), tx.workplanOfNetwork(network.code)]);
      const gaps = buildCoverage(network, catalogue, workplan, actions).filter((row) => coverageState(row) !== 'covered').map((row) => row.code);
      const prefix = `${spreadsheetId}/${network.code}-`;
      const reportedInvalid: Record<string, string> = {};
      for (const { key, value } of reported) {
        const parsed = invalidSchema.safeParse(value);
        if (key.startsWith(prefix) && parsed.success) reportedInvalid[key.slice(spreadsheetId.length + 1)] = parsed.data.hash;
      }
      inputs.push({
        network, actions, gaps, reportedInvalid,
        priorityTitle: (code) => catalogue.priority(code)?.title,
        base: this.#base(await tx.record(RECORD_KINDS.base, `${spreadsheetId}/${network.code}`), network.code),
      });
    }
    return inputs;
  }

  #base(value: unknown, networkCode: string): SyncBase | undefined {
    if (value === undefined) return undefined;
    const parsed = baseSchema.safeParse(value);
    if (!parsed.success) this.#log.warn({ network: networkCode }, 'last-synced record unreadable; syncing as if for the first time');
    return parsed.success ? parsed.data : undefined;
  }

  /** After a successful write: actions changed, records saved, in one transaction. */
  async #commit(tx: StoreTx, spreadsheetId: string, plan: SyncPlan, inputs: NetworkSyncInput[], now: Date): Promise<CommitOutcome> {
    const pulled: Action[] = [];
    const invalidToReport: CommitOutcome['invalidToReport'] = [];
    for (const networkPlan of plan.networks) {
      for (const change of networkPlan.changes) {
        const current = await tx.action(change.actionId);
        if (!current) continue;
        const takePull = change.pull !== undefined && current.status === change.seenStatus;
        const updated = updateAction(current, takePull ? { status: change.pull } : {}, changeNote(change, takePull), SHEET_AUTHOR, now);
        await tx.saveAction(updated);
        if (takePull) pulled.push(updated);
      }
      // An unchanged sync leaves the store untouched too (the JSON file is not rewritten every few minutes).
      const before = inputs.find((i) => i.network.code === networkPlan.code)?.base;
      if (!sameBase(before, networkPlan.base)) await tx.saveRecord(RECORD_KINDS.base, `${spreadsheetId}/${networkPlan.code}`, networkPlan.base);
      await this.#invalidRecords(tx, spreadsheetId, networkPlan, now);
      const network = await tx.network(networkPlan.code);
      if (network) for (const invalid of networkPlan.invalidToReport) invalidToReport.push({ network, invalid });
    }
    const recovered = (await tx.record(RECORD_KINDS.failure, spreadsheetId)) !== undefined;
    if (recovered) await tx.deleteRecord(RECORD_KINDS.failure, spreadsheetId);
    return { pulled, invalidToReport, recovered };
  }

  async #invalidRecords(tx: StoreTx, spreadsheetId: string, plan: NetworkPlan, now: Date): Promise<void> {
    const prefix = `${spreadsheetId}/${plan.code}-`;
    const present = new Set(plan.invalidPresent);
    for (const { key } of await tx.records(RECORD_KINDS.invalidStatus)) {
      if (key.startsWith(prefix) && !present.has(key.slice(spreadsheetId.length + 1))) await tx.deleteRecord(RECORD_KINDS.invalidStatus, key);
    }
    for (const invalid of plan.invalidToReport) {
      await tx.saveRecord(RECORD_KINDS.invalidStatus, `${spreadsheetId}/${invalid.actionId}`, { hash: invalid.hash, at: now.toISOString() });
    }
  }

  /** Tells co-chairs once per failing spreadsheet (again only if the reason changes). */
  async #reportFailure(spreadsheetId: string, networks: Network[], failure: SyncFailure, now: Date, messages: Outbox): Promise<void> {
    const isNews = await this.#o.store.transaction(async (tx) => {
      const previous = failureSchema.safeParse(await tx.record(RECORD_KINDS.failure, spreadsheetId));
      if (previous.success && previous.data.code === failure.code) return false;
      await tx.saveRecord(RECORD_KINDS.failure, spreadsheetId, { code: failure.code, since: previous.success ? previous.data.since : now.toISOString() });
      return true;
    });
    if (!isNews) return;
    for (const network of networks) {
      for (const coChair of coChairsOf(network)) {
        messages.queue(coChair, failureNotice(network, failure.message));
      }
    }
    await messages.flush();
  }
}

/**
 * A write that failed uncertainly may have replaced text people typed; the
 * next plan, reading the sheet after it, cannot see that text any more. So
 * what earlier plans of the same sync captured is carried into the last one,
 * and reaches the history whether or not the earlier write was applied.
 */
function withEarlierCaptures(plan: SyncPlan, earlier: readonly SyncPlan[]): SyncPlan {
  if (earlier.length === 0) return plan;
  const networks = plan.networks.map((network) => {
    const changes = new Map(network.changes.map((c) => [c.actionId, c]));
    for (const previous of earlier) {
      for (const old of previous.networks.find((n) => n.code === network.code)?.changes ?? []) {
        if (old.captured.length === 0) continue;
        const current = changes.get(old.actionId);
        changes.set(old.actionId, current
          ? { ...current, captured: [...new Set([...old.captured, ...current.captured])] }
          : { ...old, pull: undefined });
      }
    }
    return { ...network, changes: [...changes.values()] };
  });
  return { ...plan, networks };
}

function sameBase(a: SyncBase | undefined, b: SyncBase): boolean {
  if (!a || a.layout !== b.layout) return false;
  const keys = Object.keys(b.rows);
  return keys.length === Object.keys(a.rows).length && keys.every((k) => a.rows[k] === b.rows[k]);
}

interface CommitOutcome {
  pulled: Action[];
  invalidToReport: { network: Network; invalid: InvalidStatus }[];
  recovered: boolean;
}

/** What people typed that the bot could not take, as structured lines: IDs and counts, never the text itself. */
function logSheetInput(log: Logger, plan: SyncPlan): void {
  for (const n of plan.networks) {
    for (const id of n.invalidPresent) log.warn({ network: n.code, action: id, code: 'invalid-status' }, 'Status in the sheet is not a status; left in place');
    const kept = n.changes.filter((c) => c.captured.length > 0);
    if (kept.length > 0) log.info({ network: n.code, actions: kept.map((c) => c.actionId), cells: kept.reduce((sum, c) => sum + c.captured.length, 0) }, 'text typed over bot columns replaced; kept in history');
    if (n.problems.length > 0) log.warn({ network: n.code, code: 'sheet-rows', count: n.problems.length }, 'rows in the sheet left alone (duplicate or unknown IDs)');
    for (const h of n.headersRepaired) log.info({ network: n.code, header: h.header }, 'header repaired');
    if (n.columnsRestored.length > 0) log.info({ network: n.code, columns: n.columnsRestored }, 'bot columns restored');
    if (n.tabRecreated) log.info({ network: n.code }, 'tab missing; made again');
  }
}

function describeFailure(error: unknown, log: Logger): SyncFailure {
  if (error instanceof SheetsError) return { code: error.code, message: error.message };
  log.error({ err: error }, 'sheets sync failed on an unexpected error');
  return { code: 'internal', message: 'It stopped on an unexpected error; whoever runs the bot can find the details in its logs.' };
}

function networkReport(plan: NetworkPlan, inputs: NetworkSyncInput[], pulled: Action[]): NetworkSyncReport {
  const name = inputs.find((i) => i.network.code === plan.code)?.network.name ?? plan.code;
  const mine = pulled.filter((a) => a.network === plan.code);
  return {
    code: plan.code, name, ...plan.counts,
    pulled: mine.length,
    tabCreated: plan.tabCreated,
    tabRecreated: plan.tabRecreated,
    headersRepaired: plan.headersRepaired,
    columnsRestored: plan.columnsRestored,
    pulledActions: mine.map((a) => ({ id: a.id, status: STATUS_LABELS[a.status] })),
    invalidStatuses: plan.invalidPresent,
    problems: plan.problems,
  };
}
