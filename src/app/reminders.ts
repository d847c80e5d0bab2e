import { conflict } from '../errors.ts';
import { requirePermission, type Network } from '../domain/networks.ts';
import type { ReminderOverrides } from '../domain/reminders.ts';
import { linkedNetwork, type Operation } from './operation.ts';

export async function showReminderSettings(op: Operation): Promise<Network> {
  const network = await linkedNetwork(op);
  requirePermission(network, op.userId, 'read');
  return network;
}

/**
 * Co-chairs choose their network's reminder settings. Values not given keep
 * what the network had; `defaults` clears every choice, so the network
 * follows the deployment's defaults again.
 */
export async function setReminderSettings(op: Operation, change: ReminderOverrides | 'defaults'): Promise<Network> {
  const network = await linkedNetwork(op);
  requirePermission(network, op.userId, 'manage');
  if (change === 'defaults') {
    if (!network.reminders || Object.keys(network.reminders).length === 0) throw conflict(`The ${network.name} network already uses the default reminder settings.`);
    const updated: Network = { ...network };
    delete updated.reminders;
    await op.tx.saveNetwork(updated);
    return updated;
  }
  const updated: Network = { ...network, reminders: { ...network.reminders, ...change } };
  await op.tx.saveNetwork(updated);
  return updated;
}
