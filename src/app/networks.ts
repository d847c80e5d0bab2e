import { conflict, UserError } from '../errors.ts';
import { DEFAULT_ADOPTED_FRAMEWORKS } from '../domain/frameworks.ts';
import { coChairsOf, findRegion, newNetwork, REGIONS, requirePermission, roleOf, type Network, type Role } from '../domain/networks.ts';
import { linkedNetwork, type Operation } from './operation.ts';

export interface LinkResult {
  network: Network;
  /** True when this user founded the network and so became its co-chair. */
  founded: boolean;
}

/**
 * Links the channel to a regional network. The first person to link a
 * network becomes its co-chair; after that only its co-chairs may link
 * further channels.
 */
export async function linkChannel(op: Operation, regionText: string): Promise<LinkResult> {
  const region = findRegion(regionText);
  if (!region) {
    throw new UserError('not-found', `"${regionText}" is not an ADASS region. Use one of: ${REGIONS.map((r) => `${r.name} (${r.code})`).join(', ')}.`);
  }
  const current = await op.tx.networkByChannel(op.channelId);
  if (current && current.code !== region.code) {
    throw conflict(`This channel is already linked to the ${current.name} network. Use another channel for ${region.name}.`);
  }
  const existing = await op.tx.network(region.code);
  if (!existing) {
    const network = newNetwork(region, op.channelId, op.userId, op.now, DEFAULT_ADOPTED_FRAMEWORKS);
    await op.tx.saveNetwork(network);
    return { network, founded: true };
  }
  if (existing.channels.includes(op.channelId)) {
    throw conflict(`This channel is already linked to the ${existing.name} network.`);
  }
  requirePermission(existing, op.userId, 'manage');
  const network = { ...existing, channels: [...existing.channels, op.channelId] };
  await op.tx.saveNetwork(network);
  return { network, founded: false };
}

export async function showNetwork(op: Operation): Promise<{ network: Network; yourRole: Role }> {
  const network = await linkedNetwork(op);
  return { network, yourRole: roleOf(network, op.userId) };
}

/** Co-chairs set roles, including adding and removing co-chairs; a network always keeps one. */
export async function setRole(op: Operation, targetUser: string, role: Role): Promise<Network> {
  const network = await linkedNetwork(op);
  requirePermission(network, op.userId, 'manage');
  if (roleOf(network, targetUser) === role) throw conflict(`<@${targetUser}> is already a ${role} of the ${network.name} network.`);
  const coChairs = coChairsOf(network);
  if (coChairs.length === 1 && coChairs[0] === targetUser && role !== 'co-chair') {
    throw conflict(`<@${targetUser}> is the only co-chair. Make someone else co-chair first, so the network is never left without one.`);
  }
  const roles = { ...network.roles, [targetUser]: role };
  if (role === 'member') delete roles[targetUser];
  const updated = { ...network, roles };
  await op.tx.saveNetwork(updated);
  return updated;
}
