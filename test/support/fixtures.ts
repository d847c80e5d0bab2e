import path from 'node:path';
import type { Operation } from '../../src/app/operation.ts';
import type { FrameworkCatalogue } from '../../src/domain/frameworks.ts';
import { loadShippedFrameworks } from '../../src/framework-files.ts';
import type { StoreTx } from '../../src/store/store.ts';

/** Thursday 27 May 2027, mid-morning in London. */
export const NOW = new Date('2027-05-27T09:00:00+01:00');
export const TIME_ZONE = 'Europe/London';
export const CO_CHAIR = 'U0CHAIR';
export const MEMBER = 'U0MEMBER';
export const CHANNEL = 'CSOUTHWEST';
export const FRAMEWORKS_DIR = path.resolve(import.meta.dirname, '../../data/frameworks');

let shipped: Promise<FrameworkCatalogue> | undefined;
export function shippedFrameworks(): Promise<FrameworkCatalogue> {
  shipped ??= loadShippedFrameworks(FRAMEWORKS_DIR);
  return shipped;
}

/** What a use case runs with, as a front end would build it. */
export function operation(tx: StoreTx, frameworks: FrameworkCatalogue, overrides: Partial<Omit<Operation, 'tx' | 'shippedFrameworks'>> = {}): Operation {
  return { tx, shippedFrameworks: frameworks, now: NOW, timeZone: TIME_ZONE, userId: CO_CHAIR, channelId: CHANNEL, ...overrides };
}
