import { buildCoverage, type CoverageRow } from '../domain/coverage.ts';
import { requirePermission, type Network } from '../domain/networks.ts';
import { catalogueOf, linkedNetwork, type Operation } from './operation.ts';

export async function networkCoverage(op: Operation, network: Network): Promise<CoverageRow[]> {
  const [catalogue, workplan, actions] = await Promise.all([
    catalogueOf(op), op.tx.workplanOfNetwork(network.code), op.tx.actionsOfNetwork(network.code),
  ]);
  return buildCoverage(network, catalogue, workplan, actions);
}

export async function showCoverage(op: Operation): Promise<{ network: Network; rows: CoverageRow[] }> {
  const network = await linkedNetwork(op);
  requirePermission(network, op.userId, 'read');
  return { network, rows: await networkCoverage(op, network) };
}
