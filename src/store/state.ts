import { z } from 'zod';
import { ACTION_STATUSES, RAGS } from '../domain/actions.ts';
import { frameworkFileSchema } from '../domain/frameworks.ts';
import { isLocalDate } from '../domain/local-date.ts';
import { REGIONS, ROLES } from '../domain/networks.ts';
import { REMINDER_LIMITS } from '../domain/reminders.ts';

/**
 * The shape of everything the bot keeps, as written to the JSON data file.
 * Validated on load so a hand-edited or damaged file is caught at start-up
 * rather than half-way through a command.
 */
export const CURRENT_SCHEMA_VERSION = 1;

const isoInstant = z.iso.datetime({ offset: true });
const localDate = z.string().refine(isLocalDate, 'must be a date written YYYY-MM-DD');
const userId = z.string().min(1);

const networkSchema = z.object({
  code: z.enum(REGIONS.map((r) => r.code) as [string, ...string[]]),
  name: z.string(),
  channels: z.array(z.string()),
  roles: z.record(z.string(), z.enum(ROLES)),
  adoptedFrameworks: z.array(z.string()),
  meeting: z.object({
    intervalWeeks: z.number().int().min(1).max(8),
    weekday: z.number().int().min(0).max(6),
    hour: z.number().int().min(0).max(23),
    minute: z.number().int().min(0).max(59),
    anchor: localDate,
  }).nullable(),
  standingItems: z.array(z.string()),
  agendaItems: z.array(z.object({ id: z.number().int(), text: z.string(), submittedBy: userId, submittedAt: isoInstant })),
  decisions: z.array(z.object({ id: z.number().int(), text: z.string(), recordedBy: userId, recordedAt: isoInstant, meetingDate: localDate })),
  lastActionNumber: z.number().int().min(0),
  lastWorkplanNumber: z.number().int().min(0),
  lastAgendaItemNumber: z.number().int().min(0),
  lastDecisionNumber: z.number().int().min(0),
  createdAt: isoInstant,
  // Optional, so data files written before reminder settings existed still load.
  reminders: z.object({
    daysBefore: z.number().int().min(REMINDER_LIMITS.daysBefore.min).max(REMINDER_LIMITS.daysBefore.max),
    escalateAfter: z.number().int().min(REMINDER_LIMITS.escalateAfter.min).max(REMINDER_LIMITS.escalateAfter.max),
    time: z.object({ hour: z.number().int().min(0).max(23), minute: z.number().int().min(0).max(59) }),
  }).partial().optional(),
  /** Added with Google Sheets sync; absent in older files, meaning the default spreadsheet. */
  spreadsheetId: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/).optional(),
});

const actionSchema = z.object({
  id: z.string().regex(/^[A-Z]{2,3}-\d+$/),
  network: z.string(),
  title: z.string(),
  owner: userId,
  priorities: z.array(z.string()),
  timescale: z.object({ phrase: z.string(), due: localDate.nullable(), ongoing: z.boolean() }),
  status: z.enum(ACTION_STATUSES),
  ragOverride: z.object({ rag: z.enum(RAGS), reason: z.string(), by: userId, at: isoInstant }).nullable(),
  resources: z.string(),
  comments: z.string(),
  snoozedUntil: localDate.nullable().default(null),
  createdAt: isoInstant,
  createdBy: userId,
  updatedAt: isoInstant,
  history: z.array(z.object({
    at: isoInstant,
    by: userId,
    kind: z.enum(['created', 'updated']),
    changes: z.array(z.object({ field: z.string(), from: z.string(), to: z.string() })),
    note: z.string().optional(),
  })).min(1),
});

const workplanItemSchema = z.object({
  id: z.string(),
  network: z.string(),
  title: z.string(),
  priorities: z.array(z.string()),
  createdBy: userId,
  createdAt: isoInstant,
});

export const stateSchema = z.object({
  schemaVersion: z.literal(CURRENT_SCHEMA_VERSION),
  networks: z.array(networkSchema),
  actions: z.array(actionSchema),
  workplan: z.array(workplanItemSchema),
  frameworks: z.array(frameworkFileSchema),
  /** kind → key → value; see StoreTx.record. */
  records: z.record(z.string(), z.record(z.string(), z.unknown())).default({}),
});

export type StateDocument = z.infer<typeof stateSchema>;

export function emptyState(): StateDocument {
  return { schemaVersion: CURRENT_SCHEMA_VERSION, networks: [], actions: [], workplan: [], frameworks: [], records: {} };
}

/**
 * Upgrades from each older schema version to the next. A data file is
 * migrated step by step on load; the original is kept beside it as a backup.
 * Add an entry here (and bump CURRENT_SCHEMA_VERSION) whenever the document
 * shape changes.
 */
export type Migration = (doc: Record<string, unknown>) => Record<string, unknown>;
export const MIGRATIONS: Readonly<Record<number, Migration>> = {};
