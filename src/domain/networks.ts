import { forbidden } from '../errors.ts';
import type { LocalDate } from './local-date.ts';
import type { ReminderOverrides } from './reminders.ts';

/** The nine ADASS regions. The code prefixes every action ID of the region's network. */
export const REGIONS = [
  { code: 'EM', name: 'East Midlands' },
  { code: 'EE', name: 'Eastern' },
  { code: 'LDN', name: 'London' },
  { code: 'NE', name: 'North East' },
  { code: 'NW', name: 'North West' },
  { code: 'SE', name: 'South East' },
  { code: 'SW', name: 'South West' },
  { code: 'WM', name: 'West Midlands' },
  { code: 'YH', name: 'Yorkshire and the Humber' },
] as const;

export type RegionCode = (typeof REGIONS)[number]['code'];
export type Region = (typeof REGIONS)[number];

const ALIASES: Record<string, RegionCode> = {
  'east of england': 'EE',
  east: 'EE',
  yorkshire: 'YH',
  'yorkshire & the humber': 'YH',
  'yorkshire and humber': 'YH',
};

/** Finds a region by name or code, ignoring case and spacing: "south west", "SW", "Yorkshire & the Humber". */
export function findRegion(text: string): Region | undefined {
  const wanted = text.trim().toLowerCase().replace(/\s+/g, ' ').replace(/-/g, ' ');
  const byAlias = ALIASES[wanted];
  return REGIONS.find((r) => r.code.toLowerCase() === wanted || r.name.toLowerCase() === wanted || r.code === byAlias);
}

export type Role = (typeof ROLES)[number];
export const ROLES = ['co-chair', 'member', 'viewer'] as const;

export interface MeetingSchedule {
  /** Weeks between meetings: 1 weekly, 2 fortnightly. */
  intervalWeeks: number;
  /** 0 = Sunday ... 6 = Saturday */
  weekday: number;
  hour: number;
  minute: number;
  /** A date on which a meeting falls: fixes which weeks a fortnightly cycle uses. */
  anchor: LocalDate;
}

export interface AgendaItem {
  id: number;
  text: string;
  submittedBy: string;
  submittedAt: string;
}

export interface Decision {
  id: number;
  text: string;
  recordedBy: string;
  recordedAt: string;
  /** The meeting the decision belongs to. */
  meetingDate: LocalDate;
}

export interface Network {
  /** A RegionCode; kept as string so stored documents need no cast. */
  code: string;
  name: string;
  channels: string[];
  /** Explicit roles. Anyone else in a linked channel is a member. */
  roles: Record<string, Role>;
  adoptedFrameworks: string[];
  meeting: MeetingSchedule | null;
  standingItems: string[];
  agendaItems: AgendaItem[];
  decisions: Decision[];
  /** Counters only ever grow, so IDs are never reused, even after deletion. */
  lastActionNumber: number;
  lastWorkplanNumber: number;
  lastAgendaItemNumber: number;
  lastDecisionNumber: number;
  createdAt: string;
  /** Reminder settings the co-chairs chose; absent (or partly absent) means the deployment's defaults. */
  reminders?: ReminderOverrides;
  /** The Google spreadsheet this network's action plan is mirrored to; absent: the deployment's default (GOOGLE_SHEETS_SPREADSHEET_ID). */
  spreadsheetId?: string;
}

export const DEFAULT_STANDING_ITEMS = [
  'Welcome, introductions and apologies',
  'Minutes and actions of the last meeting',
  'Updates: national PSW network, CSW office and ADASS',
  'Regional workplan review',
  'Any other business',
];

export function roleOf(network: Network, userId: string): Role {
  return network.roles[userId] ?? 'member';
}

export function coChairsOf(network: Network): string[] {
  return Object.entries(network.roles).filter(([, role]) => role === 'co-chair').map(([user]) => user);
}

/** What a role may do. Kept in one table so refusals and help text agree. */
export type Permission = 'read' | 'contribute' | 'manage';

const ALLOWED: Record<Role, readonly Permission[]> = {
  'co-chair': ['read', 'contribute', 'manage'],
  member: ['read', 'contribute'],
  viewer: ['read'],
};

const DESCRIPTION: Record<Permission, string> = {
  read: 'read this network',
  contribute: 'add actions or agenda items',
  manage: 'do that: only co-chairs link channels, change the workplan, adopt frameworks, set meetings, post agendas and change roles',
};

export function requirePermission(network: Network, userId: string, permission: Permission): void {
  const role = roleOf(network, userId);
  if (!ALLOWED[role].includes(permission)) {
    const coChairs = coChairsOf(network).map((u) => `<@${u}>`).join(', ');
    throw forbidden(`You are a ${role} of the ${network.name} network, so you cannot ${DESCRIPTION[permission]}. Ask a co-chair${coChairs ? ` (${coChairs})` : ''}.`);
  }
}

export function newNetwork(region: Region, channel: string, firstUser: string, now: Date, adoptedFrameworks: readonly string[]): Network {
  return {
    code: region.code,
    name: region.name,
    channels: [channel],
    roles: { [firstUser]: 'co-chair' },
    adoptedFrameworks: [...adoptedFrameworks],
    meeting: null,
    standingItems: [...DEFAULT_STANDING_ITEMS],
    agendaItems: [],
    decisions: [],
    lastActionNumber: 0,
    lastWorkplanNumber: 0,
    lastAgendaItemNumber: 0,
    lastDecisionNumber: 0,
    createdAt: now.toISOString(),
  };
}
