import { requirePermission, type Network } from '../domain/networks.ts';
import { createWorkplanItem, type WorkplanItem } from '../domain/workplan.ts';
import { catalogueOf, linkedNetwork, resolvePriorities, type Operation } from './operation.ts';
import type { FrameworkCatalogue } from '../domain/frameworks.ts';

export async function addWorkplanItem(op: Operation, priorityCodes: string[], title: string): Promise<WorkplanItem> {
  const network = await linkedNetwork(op);
  requirePermission(network, op.userId, 'manage');
  const priorities = resolvePriorities(priorityCodes, network, await catalogueOf(op)).map((p) => p.code);
  const number = network.lastWorkplanNumber + 1;
  const item = createWorkplanItem(network.code, number, title, priorities, op.userId, op.now);
  await op.tx.saveNetwork({ ...network, lastWorkplanNumber: number });
  await op.tx.saveWorkplanItem(item);
  return item;
}

export async function showWorkplan(op: Operation): Promise<{ network: Network; items: WorkplanItem[]; catalogue: FrameworkCatalogue }> {
  const network = await linkedNetwork(op);
  requirePermission(network, op.userId, 'read');
  return { network, items: await op.tx.workplanOfNetwork(network.code), catalogue: await catalogueOf(op) };
}
