import { UserError } from '../errors.ts';
import type { FrameworkCatalogue} from '../domain/frameworks.ts';
import { type PriorityRef } from '../domain/frameworks.ts';
import type { Network } from '../domain/networks.ts';
import type { StoreTx } from '../store/store.ts';

/** What every use case runs with: one open transaction and who is asking, when, where. */
export interface Operation {
  tx: StoreTx;
  shippedFrameworks: FrameworkCatalogue;
  now: Date;
  timeZone: string;
  userId: string;
  channelId: string;
}

export async function catalogueOf(op: Operation): Promise<FrameworkCatalogue> {
  const imported = await op.tx.importedFrameworks();
  return imported.reduce((catalogue, f) => catalogue.with(f), op.shippedFrameworks);
}

/** The network this channel is linked to, or a refusal saying how to link one. */
export async function linkedNetwork(op: Operation): Promise<Network> {
  const network = await op.tx.networkByChannel(op.channelId);
  if (!network) {
    throw new UserError('not-linked', 'This channel is not linked to a PSW network yet. A co-chair can link it with `/psw network link <region>`, e.g. `/psw network link South West`.');
  }
  return network;
}

/**
 * Checks that each code is a priority (or sub-item) of a framework the
 * network has adopted, and returns them in canonical form.
 */
export function resolvePriorities(codes: readonly string[], network: Network, catalogue: FrameworkCatalogue): PriorityRef[] {
  return codes.map((typed) => {
    const ref = catalogue.priority(typed);
    if (!ref) {
      const theme = catalogue.themeTitle(typed);
      if (theme) throw new UserError('not-found', `${typed.toUpperCase()} is a theme (${theme}), not a priority. Link one of its priorities, e.g. ${typed.toUpperCase()}.1; \`/psw priorities\` lists them.`);
      throw new UserError('not-found', `There is no priority ${typed}. \`/psw priorities\` lists the codes of the frameworks this network has adopted.`);
    }
    if (!network.adoptedFrameworks.includes(ref.frameworkCode)) {
      throw new UserError('not-found', `${ref.code} belongs to ${ref.frameworkCode}, which the ${network.name} network has not adopted. A co-chair can adopt it with \`/psw framework adopt ${ref.frameworkCode}\`.`);
    }
    return ref;
  });
}
