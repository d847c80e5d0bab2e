import type { Reply } from '../../commands/reply.ts';

/**
 * How jobs and announcements reach people, whatever the chat service:
 * Slack renders replies as Block Kit; the local shell and --dry-run print text.
 */
export interface Messenger {
  /** Posts to a channel (an agenda, an announcement). */
  postToChannel(channelId: string, reply: Reply): Promise<void>;
  /** Sends a direct message to one person (a reminder, an escalation). */
  sendDirect(userId: string, reply: Reply): Promise<void>;
}

/**
 * A message that could not be delivered to one recipient. `code` is the chat
 * service's own reason (Slack: user_not_found, channel_not_found,
 * account_inactive...) so callers can log it and carry on with the others.
 */
export class DeliveryError extends Error {
  readonly code: string;
  readonly recipient: string;

  constructor(code: string, recipient: string, message?: string) {
    super(message ?? `could not deliver to ${recipient}: ${code}`);
    this.name = 'DeliveryError';
    this.code = code;
    this.recipient = recipient;
  }
}
