import { badArguments, conflict } from '../errors.ts';
import { requirePermission, type Network } from '../domain/networks.ts';
import { parseSpreadsheetId } from '../sheets/spreadsheet-id.ts';
import { linkedNetwork, type Operation } from './operation.ts';

/** The network of this channel, for anyone who may read it: what `/psw sync` syncs. */
export async function networkToSync(op: Operation): Promise<Network> {
  const network = await linkedNetwork(op);
  requirePermission(network, op.userId, 'read');
  return network;
}

/**
 * Points the network at its own spreadsheet (an ID or a whole Google Sheets
 * address), or back at the deployment's default with "default". Co-chairs only.
 */
export async function setNetworkSpreadsheet(op: Operation, typed: string): Promise<{ network: Network; previous: string | undefined }> {
  const network = await linkedNetwork(op);
  requirePermission(network, op.userId, 'manage');
  const previous = network.spreadsheetId;
  if (/^default$/i.test(typed.trim())) {
    if (previous === undefined) throw conflict(`The ${network.name} network already syncs to the default spreadsheet.`);
    const rest: Network = { ...network };
    delete rest.spreadsheetId;
    await op.tx.saveNetwork(rest);
    return { network: rest, previous };
  }
  const parsed = parseSpreadsheetId(typed);
  if (!parsed.ok) throw badArguments(parsed.reason);
  if (previous === parsed.id) throw conflict(`The ${network.name} network already syncs to that spreadsheet.`);
  const updated = { ...network, spreadsheetId: parsed.id };
  await op.tx.saveNetwork(updated);
  return { network: updated, previous };
}
