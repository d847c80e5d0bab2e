import { conflict, UserError } from '../errors.ts';
import { frameworkFileSchema, type Framework, type FrameworkCatalogue } from '../domain/frameworks.ts';
import { requirePermission, type Network } from '../domain/networks.ts';
import { parseFrameworkText } from '../framework-file.ts';
import { catalogueOf, linkedNetwork, type Operation } from './operation.ts';

export async function adoptedFrameworks(op: Operation, showAll: boolean): Promise<{ network: Network; frameworks: Framework[]; catalogue: FrameworkCatalogue }> {
  const network = await linkedNetwork(op);
  requirePermission(network, op.userId, 'read');
  const catalogue = await catalogueOf(op);
  const frameworks = showAll
    ? catalogue.all()
    : network.adoptedFrameworks.map((code) => catalogue.framework(code)).filter((f): f is Framework => f !== undefined);
  return { network, frameworks, catalogue };
}

function knownFramework(catalogue: FrameworkCatalogue, code: string): Framework {
  const framework = catalogue.framework(code);
  if (!framework) {
    throw new UserError('not-found', `There is no framework ${code}. Known frameworks: ${catalogue.all().map((f) => f.code).join(', ')}.`);
  }
  return framework;
}

export async function adoptFramework(op: Operation, code: string): Promise<{ network: Network; framework: Framework }> {
  const network = await linkedNetwork(op);
  requirePermission(network, op.userId, 'manage');
  const framework = knownFramework(await catalogueOf(op), code);
  if (network.adoptedFrameworks.includes(framework.code)) throw conflict(`The ${network.name} network has already adopted ${framework.code}.`);
  const updated = { ...network, adoptedFrameworks: [...network.adoptedFrameworks, framework.code] };
  await op.tx.saveNetwork(updated);
  return { network: updated, framework };
}

/** Stops answering to a framework. Actions keep their links; coverage stops listing it. */
export async function dropFramework(op: Operation, code: string): Promise<{ network: Network; framework: Framework }> {
  const network = await linkedNetwork(op);
  requirePermission(network, op.userId, 'manage');
  const framework = knownFramework(await catalogueOf(op), code);
  if (!network.adoptedFrameworks.includes(framework.code)) throw conflict(`The ${network.name} network has not adopted ${framework.code}.`);
  const updated = { ...network, adoptedFrameworks: network.adoptedFrameworks.filter((c) => c !== framework.code) };
  await op.tx.saveNetwork(updated);
  return { network: updated, framework };
}

/**
 * Adds a framework from a YAML or JSON file's text, so next year's CSW
 * priorities need no code change. Codes of existing frameworks cannot be
 * reused: actions link to them and must keep meaning the same thing.
 */
export async function importFramework(op: Operation, sourceName: string, content: string): Promise<Framework> {
  const network = await linkedNetwork(op);
  requirePermission(network, op.userId, 'manage');
  const framework = parseFrameworkText(sourceName, content, frameworkFileSchema);
  const catalogue = await catalogueOf(op);
  if (catalogue.framework(framework.code)) {
    throw conflict(`A framework coded ${framework.code} already exists. Codes are permanent because actions link to them; give the new framework its own code (e.g. ${framework.code}B).`);
  }
  const clash = framework.themes?.flatMap((t) => [t.code, ...t.priorities.map((p) => p.code)])
    .concat(framework.priorities?.map((p) => p.code) ?? [])
    .find((c) => catalogue.priority(c));
  if (clash) throw conflict(`${clash} is already a priority code of another framework.`);
  await op.tx.saveFramework(framework);
  return framework;
}
