import { z } from 'zod';
import { ACTION_STATUSES, RAGS, type ActionStatus } from '../src/domain/actions.ts';

import { splitList } from './parse-text.ts';

/**
 * Small zod building blocks for command arguments. Messages are written for
 * the person typing, since they are shown as they are.
 */

export const requiredText = (what: string) =>
  z.string().trim().min(1, `${what} is missing`).max(2000, `${what} is too long (2,000 characters at most)`);

/** For commands that take nothing after their name; `hint` points at the command they may have meant. */
export const noArguments = (hint = 'This command takes no words after it') =>
  z.object({ text: z.literal('', { message: hint }) });

export function single(options: Record<string, string[]>, key: string): string | undefined {
  return options[key]?.at(-1);
}

/** Accepts "in progress", "in-progress", "In_Progress". */
export const statusSchema = z.string().transform((s, ctx): ActionStatus => {
  const normal = s.trim().toLowerCase().replace(/[\s_]+/g, '-');
  const status = ACTION_STATUSES.find((x) => x === normal);
  if (!status) {
    ctx.addIssue({ code: 'custom', message: `"${s}" is not a status; use one of ${ACTION_STATUSES.join(', ')}` });
    return z.NEVER;
  }
  return status;
});

export const ragSchema = z.string().transform((s, ctx) => {
  const normal = s.trim().toLowerCase();
  if (normal === 'auto') return 'auto' as const;
  const rag = RAGS.find((r) => r === normal || r[0] === normal);
  if (!rag) {
    ctx.addIssue({ code: 'custom', message: `"${s}" is not a RAG rating; use red, amber, green, or auto to derive it from the due date again` });
    return z.NEVER;
  }
  return rag;
});

export const priorityCodes = (values: string[] | undefined): string[] => splitList(values);

/**
 * A time of day as people type it: "09:00", "9:00", "14:30", "9am", "2:30pm".
 * Undefined when it is not one.
 */
export function parseClockTime(text: string): { hour: number; minute: number } | undefined {
  const m = /^(\d{1,2})(?::(\d{2}))?\s*(am|pm)?$/i.exec(text.trim());
  if (!m || (m[2] === undefined && m[3] === undefined)) return undefined;
  let hour = Number(m[1]);
  const minute = m[2] === undefined ? 0 : Number(m[2]);
  if (m[3]) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (m[3].toLowerCase() === 'pm' ? 12 : 0);
  }
  return hour <= 23 && minute <= 59 ? { hour, minute } : undefined;
}
