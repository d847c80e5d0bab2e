import { isLive, type Action } from './actions.ts';
import { prioritiesOf, type FrameworkCatalogue } from './frameworks.ts';
import type { Network } from './networks.ts';
import type { WorkplanItem } from './workplan.ts';

export interface CoverageRow {
  code: string;
  title: string;
  frameworkCode: string;
  themeTitle: string | undefined;
  workplanItems: WorkplanItem[];
  liveActions: Action[];
}

export type CoverageState = 'covered' | 'planned-only' | 'uncovered';

/** covered: a live action; planned-only: workplan items but no live action; uncovered: nothing at all. */
export function coverageState(row: CoverageRow): CoverageState {
  if (row.liveActions.length > 0) return 'covered';
  return row.workplanItems.length > 0 ? 'planned-only' : 'uncovered';
}

/**
 * For every priority of the network's adopted frameworks, the work against
 * it. Links to a sub-item count towards its priority, which is the level
 * co-chairs and ADASS leads report on.
 */
export function buildCoverage(network: Network, catalogue: FrameworkCatalogue, workplan: readonly WorkplanItem[], actions: readonly Action[]): CoverageRow[] {
  const rows = new Map<string, CoverageRow>();
  for (const frameworkCode of network.adoptedFrameworks) {
    const framework = catalogue.framework(frameworkCode);
    if (!framework) continue;
    for (const p of prioritiesOf(framework)) {
      if (p.parentCode) continue;
      rows.set(p.code, { code: p.code, title: p.title, frameworkCode: p.frameworkCode, themeTitle: p.themeTitle, workplanItems: [], liveActions: [] });
    }
  }
  const rowFor = (code: string): CoverageRow | undefined => rows.get(catalogue.priority(code)?.parentCode ?? code);
  for (const item of workplan) {
    for (const row of new Set(item.priorities.map(rowFor))) row?.workplanItems.push(item);
  }
  for (const action of actions) {
    if (!isLive(action.status)) continue;
    for (const row of new Set(action.priorities.map(rowFor))) row?.liveActions.push(action);
  }
  return [...rows.values()];
}
