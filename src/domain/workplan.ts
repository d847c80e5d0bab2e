/** A line of the network's workplan, mapped to the priorities it answers. */
export interface WorkplanItem {
  /** "<network code>-W<n>", e.g. SW-W3 */
  id: string;
  network: string;
  title: string;
  priorities: string[];
  createdBy: string;
  createdAt: string;
}

export function createWorkplanItem(network: string, number: number, title: string, priorities: string[], by: string, now: Date): WorkplanItem {
  return { id: `${network}-W${number}`, network, title, priorities, createdBy: by, createdAt: now.toISOString() };
}

export function normaliseWorkplanId(text: string): string | undefined {
  const m = /^\s*([A-Za-z]{2,3})-W(\d{1,6})\s*$/i.exec(text);
  return m ? `${m[1]!.toUpperCase()}-W${Number(m[2])}` : undefined;
}
