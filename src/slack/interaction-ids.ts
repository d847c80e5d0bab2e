import { z } from 'zod';

/**
 * The identifiers Slack hands back when someone clicks or submits: the
 * action_id of each control and the callback_id of each modal, with the
 * small JSON values the controls carry. One place, so the builders that
 * write them and the listeners that read them cannot drift apart.
 */
export const ACTION = {
  done: 'psw_done',
  snooze: 'psw_snooze',
  update: 'psw_update',
  /** Two IDs: action_ids must differ within one actions block. */
  nextPage: 'psw_page_next',
  previousPage: 'psw_page_previous',
} as const;

export const VIEW = {
  addAction: 'psw_add_action',
  updateAction: 'psw_update_action',
} as const;

/** Slack's limits on what a control may carry. */
const BUTTON_VALUE_MAX = 2000;
const OPTION_VALUE_MAX = 150;

/** An action as the message showed it: its ID and the version (updatedAt) the buttons were made for. */
export const actionRefSchema = z.object({ id: z.string().min(1).max(20), v: z.string().min(1).max(40) });
export type ActionRef = z.infer<typeof actionRefSchema>;

export const SNOOZE_LENGTHS = ['day', 'week', 'next-meeting'] as const;
export const snoozeRefSchema = actionRefSchema.extend({ l: z.enum(SNOOZE_LENGTHS) });
export type SnoozeRef = z.infer<typeof snoozeRefSchema>;

/** Which command to run again, and which page of its reply to show. */
export const pageRefSchema = z.object({ line: z.string().min(1), page: z.number().int().min(1) });
export type PageRef = z.infer<typeof pageRefSchema>;

export function encodeActionRef(ref: ActionRef): string {
  return JSON.stringify(ref);
}

export function encodeSnoozeRef(ref: SnoozeRef): string {
  const value = JSON.stringify(ref);
  if (value.length > OPTION_VALUE_MAX) throw new RangeError('snooze option value too long');
  return value;
}

/** Undefined when the command line is too long to fit in a button. */
export function encodePageRef(ref: PageRef): string | undefined {
  const value = JSON.stringify(ref);
  return value.length <= BUTTON_VALUE_MAX ? value : undefined;
}

/** Parses a control's value; undefined when it is missing, not JSON or not the expected shape. */
export function decodeValue<T>(schema: z.ZodType<T>, value: string | undefined): T | undefined {
  if (value === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    return undefined;
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}
