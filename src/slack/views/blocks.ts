import type { InputBlock, InputBlockElement, PlainTextElement } from '@slack/types';

/** Small Block Kit helpers shared by the modal builders. */
export function plain(text: string): PlainTextElement {
  return { type: 'plain_text', text };
}

/** Cuts to Slack's limit for a plain-text label or option (75 characters by default). */
export function clip(text: string, max = 75): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

export function input(id: string, label: string, element: InputBlockElement, options: { optional?: boolean; hint?: string } = {}): InputBlock {
  return {
    type: 'input',
    block_id: id,
    label: plain(label),
    element,
    ...(options.optional && { optional: true }),
    ...(options.hint && { hint: plain(clip(options.hint, 2000)) }),
  };
}
