import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addAction, changeAction } from '../../src/app/actions.ts';
import { linkChannel } from '../../src/app/networks.ts';
import { createAction, type Action } from '../../src/domain/actions.ts';
import type { FrameworkCatalogue } from '../../src/domain/frameworks.ts';
import { newNetwork, REGIONS, type Network } from '../../src/domain/networks.ts';
import { createWorkplanItem } from '../../src/domain/workplan.ts';
import { ImportRefusedError } from '../../src/errors.ts';
import { emptyState, type StateDocument } from '../../src/store/state.ts';
import type { Store } from '../../src/store/store.ts';
import { CHANNEL, CO_CHAIR, MEMBER, NOW, operation, shippedFrameworks } from '../support/fixtures.ts';

/**
 * What every Store must do, run against each adapter (memory, JSON file,
 * PostgreSQL) so they stay interchangeable. `open({ fresh: true })` gives an
 * empty store; `open({ fresh: false })` opens the same data again, for the
 * stores that keep it (omit `persistent` for those that do not).
 */
export interface StoreFactory {
  open(options: { fresh: boolean }): Promise<Store>;
  persistent: boolean;
  kind: 'memory' | 'json-file' | 'postgres';
}

const region = (code: string): (typeof REGIONS)[number] => REGIONS.find((r) => r.code === code)!;

function network(code: string, channel: string): Network {
  return newNetwork(region(code), channel, CO_CHAIR, NOW, ['CSW2122', 'PSW2123']);
}

function action(id: string, owner = MEMBER): Action {
  const [code] = id.split('-');
  return createAction(id, code!, { title: `Action ${id}`, owner, priorities: ['CSW2122.1'], timescale: { phrase: 'Autumn 2027', due: '2027-11-30', ongoing: false } }, CO_CHAIR, NOW);
}

const byId = <T extends { id: string }>(items: T[]): string[] => items.map((i) => i.id).sort();

export function describeStoreContract(label: string, factory: StoreFactory): void {
  describe(`Store contract: ${label}`, () => {
    let store: Store;
    let frameworks: FrameworkCatalogue;

    beforeEach(async () => {
      frameworks = await shippedFrameworks();
      store = await factory.open({ fresh: true });
    });
    afterEach(async () => {
      await store.close();
    });

    it('starts empty', async () => {
      await store.transaction(async (tx) => {
        expect(await tx.networks()).toEqual([]);
        expect(await tx.network('SW')).toBeUndefined();
        expect(await tx.networkByChannel(CHANNEL)).toBeUndefined();
        expect(await tx.actionsOfNetwork('SW')).toEqual([]);
        expect(await tx.action('SW-1')).toBeUndefined();
        expect(await tx.record('sent', 'x')).toBeUndefined();
        expect(await tx.records('sent')).toEqual([]);
      });
      expect(await store.exportState()).toEqual(emptyState());
    });

    it('finds networks by code in any case and by any of their channels; saving again replaces', async () => {
      const sw = network('SW', CHANNEL);
      await store.transaction(async (tx) => {
        await tx.saveNetwork(sw);
        await tx.saveNetwork(network('NE', 'CNORTHEAST'));
      });
      await store.transaction(async (tx) => {
        expect(await tx.network('sw')).toEqual(sw);
        expect((await tx.networkByChannel('CNORTHEAST'))?.code).toBe('NE');
        expect(await tx.networkByChannel('CNOWHERE')).toBeUndefined();
        expect((await tx.networks()).map((n) => n.code)).toEqual(['SW', 'NE']);
        await tx.saveNetwork({ ...sw, channels: [CHANNEL, 'CSECOND'], lastActionNumber: 7 });
      });
      await store.transaction(async (tx) => {
        expect((await tx.networkByChannel('CSECOND'))?.lastActionNumber).toBe(7);
        expect(await tx.networks()).toHaveLength(2);
        await tx.saveNetwork({ ...sw, channels: ['CSECOND'] });
        await tx.saveNetwork({ ...network('NE', 'CNORTHEAST'), channels: ['CNORTHEAST', CHANNEL] });
      });
      await store.transaction(async (tx) => {
        expect((await tx.networkByChannel(CHANNEL))?.code).toBe('NE');
        expect((await tx.networkByChannel('CSECOND'))?.code).toBe('SW');
      });
    });

    it('keeps actions by ID, by network and by owner, following an owner change', async () => {
      await store.transaction(async (tx) => {
        for (const a of [action('SW-1'), action('SW-2', 'U0OTHER'), action('NE-1')]) await tx.saveAction(a);
      });
      await store.transaction(async (tx) => {
        expect(await tx.action('SW-2')).toEqual(action('SW-2', 'U0OTHER'));
        expect(byId(await tx.actionsOfNetwork('SW'))).toEqual(['SW-1', 'SW-2']);
        expect(byId(await tx.actionsOwnedBy(MEMBER))).toEqual(['NE-1', 'SW-1']);
        await tx.saveAction({ ...action('SW-1'), owner: 'U0OTHER' });
      });
      await store.transaction(async (tx) => {
        expect(byId(await tx.actionsOwnedBy('U0OTHER'))).toEqual(['SW-1', 'SW-2']);
        expect(byId(await tx.actionsOwnedBy(MEMBER))).toEqual(['NE-1']);
      });
    });

    it('returns rows in the order they were first saved, whatever their keys', async () => {
      await store.transaction(async (tx) => {
        for (const id of ['SW-10', 'SW-2', 'SW-1']) await tx.saveAction(action(id));
        for (const n of [10, 2, 1]) await tx.saveWorkplanItem(createWorkplanItem('SW', n, `Item ${n}`, ['CSW2122.1'], CO_CHAIR, NOW));
      });
      await store.transaction(async (tx) => {
        await tx.saveAction({ ...action('SW-10'), title: 'changed' });
      });
      await store.transaction(async (tx) => {
        expect((await tx.actionsOfNetwork('SW')).map((a) => a.id)).toEqual(['SW-10', 'SW-2', 'SW-1']);
        expect((await tx.workplanOfNetwork('SW')).map((w) => w.id)).toEqual(['SW-W10', 'SW-W2', 'SW-W1']);
      });
    });

    it('keeps workplan items by network and imported frameworks', async () => {
      const framework = frameworks.framework('LGA')!;
      const imported = { ...framework, code: 'LGA2030', title: 'Standards 2030', priorities: framework.priorities!.map((p) => ({ ...p, code: p.code.replace('LGA', 'LGA2030'), subItems: undefined })) };
      await store.transaction(async (tx) => {
        await tx.saveWorkplanItem(createWorkplanItem('SW', 1, 'Publish the plan', ['CSW2122.4'], CO_CHAIR, NOW));
        await tx.saveWorkplanItem(createWorkplanItem('NE', 1, 'Other network', ['CSW2122.4'], CO_CHAIR, NOW));
        await tx.saveFramework(imported);
      });
      await store.transaction(async (tx) => {
        expect((await tx.workplanOfNetwork('SW')).map((w) => w.title)).toEqual(['Publish the plan']);
        expect((await tx.importedFrameworks()).map((f) => f.code)).toEqual(['LGA2030']);
      });
    });

    it("lets a unit read its own writes before they are committed, and keeps them from other units' view until then", async () => {
      await store.transaction(async (tx) => {
        await tx.saveNetwork(network('SW', CHANNEL));
        await tx.saveAction(action('SW-1'));
        await tx.saveRecord('sent', 'k1', { at: 1 });
        expect((await tx.networkByChannel(CHANNEL))?.code).toBe('SW');
        expect(byId(await tx.actionsOfNetwork('SW'))).toEqual(['SW-1']);
        expect(await tx.record('sent', 'k1')).toEqual({ at: 1 });
        await tx.deleteRecord('sent', 'k1');
        expect(await tx.record('sent', 'k1')).toBeUndefined();
        expect(await tx.records('sent')).toEqual([]);
      });
    });

    it('discards every write of a unit that throws, and passes the error on unchanged', async () => {
      await store.transaction(async (tx) => {
        await tx.saveNetwork(network('SW', CHANNEL));
        await tx.saveRecord('sync', 'cursor', 1);
      });
      const failure = new Error('half-way');
      await expect(store.transaction(async (tx) => {
        await tx.saveNetwork({ ...network('SW', CHANNEL), lastActionNumber: 99 });
        await tx.saveAction(action('SW-99'));
        await tx.saveRecord('sync', 'cursor', 2);
        await tx.deleteRecord('sync', 'cursor');
        await tx.claimRecord('sent', 'once', true);
        throw failure;
      })).rejects.toBe(failure);
      await store.transaction(async (tx) => {
        expect((await tx.network('SW'))?.lastActionNumber).toBe(0);
        expect(await tx.action('SW-99')).toBeUndefined();
        expect(await tx.record('sync', 'cursor')).toBe(1);
        expect(await tx.record('sent', 'once')).toBeUndefined();
      });
    });

    it('returns what the unit returns', async () => {
      expect(await store.transaction(() => Promise.resolve({ answer: 42 }))).toEqual({ answer: 42 });
    });

    it('keeps records per kind, with any JSON value', async () => {
      const values: unknown[] = [{ nested: { list: [1, 'two', null, true], n: 1.5 } }, 'text', 0, false, [1, 2]];
      await store.transaction(async (tx) => {
        for (const [i, v] of values.entries()) await tx.saveRecord('ledger', `SW:reminder/${i}`, v);
        await tx.saveRecord('other', 'SW:reminder/0', 'not the same kind');
      });
      await store.transaction(async (tx) => {
        for (const [i, v] of values.entries()) expect(await tx.record('ledger', `SW:reminder/${i}`)).toEqual(v);
        expect((await tx.records('ledger')).map((r) => r.key).sort()).toEqual(values.map((_, i) => `SW:reminder/${i}`));
        expect(await tx.records('other')).toEqual([{ key: 'SW:reminder/0', value: 'not the same kind' }]);
        await tx.saveRecord('ledger', 'SW:reminder/0', 'replaced');
        await tx.deleteRecord('ledger', 'SW:reminder/1');
      });
      await store.transaction(async (tx) => {
        expect(await tx.record('ledger', 'SW:reminder/0')).toBe('replaced');
        expect(await tx.record('ledger', 'SW:reminder/1')).toBeUndefined();
        expect(await tx.records('ledger')).toHaveLength(values.length - 1);
      });
    });

    it('claims a record once: a second claim, in the same unit or a later one, is refused and changes nothing', async () => {
      await store.transaction(async (tx) => {
        expect(await tx.claimRecord('sent', 'SW-1@2027-05-27', { by: 'a' })).toBe(true);
        expect(await tx.claimRecord('sent', 'SW-1@2027-05-27', { by: 'b' })).toBe(false);
      });
      await store.transaction(async (tx) => {
        expect(await tx.claimRecord('sent', 'SW-1@2027-05-27', { by: 'c' })).toBe(false);
        expect(await tx.record('sent', 'SW-1@2027-05-27')).toEqual({ by: 'a' });
        await tx.deleteRecord('sent', 'SW-1@2027-05-27');
        expect(await tx.claimRecord('sent', 'SW-1@2027-05-27', { by: 'd' })).toBe(true);
      });
    });

    it('runs units side by side as if one after another: no counter increment is lost', async () => {
      await Promise.all(Array.from({ length: 20 }, () => store.transaction(async (tx) => {
        const count = (await tx.record('counter', 'n')) as number | undefined;
        await tx.saveRecord('counter', 'n', (count ?? 0) + 1);
      })));
      expect(await store.transaction((tx) => tx.record('counter', 'n'))).toBe(20);
    });

    it('gives one winner when many units claim the same key at once', async () => {
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => store.transaction((tx) => tx.claimRecord('job-run', 'reminders@2027-05-27T08:00:00.000Z', { by: i }))));
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('numbers actions added at the same moment uniquely, through the addAction use case', async () => {
      await store.transaction((tx) => linkChannel(operation(tx, frameworks), 'South West'));
      const added = await Promise.all(Array.from({ length: 15 }, (_, i) => store.transaction((tx) => addAction(operation(tx, frameworks), {
        title: `Action ${i}`, owner: MEMBER, priorities: ['CSW2122.1'], timescalePhrase: 'Autumn 2027',
      }))));
      expect(added.map((a) => a.id).sort()).toEqual(Array.from({ length: 15 }, (_, i) => `SW-${i + 1}`).sort());
      await Promise.all(added.map((a, i) => store.transaction((tx) => changeAction(operation(tx, frameworks), a.id, { note: `note ${i}` }))));
      const saved = await store.transaction((tx) => tx.actionsOfNetwork('SW'));
      expect(saved.every((a) => a.history.length === 2)).toBe(true);
      expect((await store.transaction((tx) => tx.network('SW')))?.lastActionNumber).toBe(15);
    });

    it('exports everything and imports into an empty store; refuses a store with data unless told to replace it', async () => {
      await store.transaction(async (tx) => {
        await tx.saveNetwork(network('SW', CHANNEL));
        await tx.saveAction(action('SW-1'));
        await tx.saveRecord('sent', 'k', { ok: true });
      });
      const exported = await store.exportState();
      expect(exported.actions.map((a) => a.id)).toEqual(['SW-1']);
      expect(exported.records).toEqual({ sent: { k: { ok: true } } });

      const other: StateDocument = { ...emptyState(), networks: [network('NE', 'CNORTHEAST')], actions: [action('NE-1'), action('NE-2')], records: { sync: { cursor: 'abc' } } };
      await expect(store.importState(other, { replace: false })).rejects.toBeInstanceOf(ImportRefusedError);
      expect(await store.exportState()).toEqual(exported);

      await store.importState(other, { replace: true });
      await store.transaction(async (tx) => {
        expect(await tx.network('SW')).toBeUndefined();
        expect(await tx.action('SW-1')).toBeUndefined();
        expect(await tx.record('sent', 'k')).toBeUndefined();
        expect(byId(await tx.actionsOfNetwork('NE'))).toEqual(['NE-1', 'NE-2']);
        expect(await tx.record('sync', 'cursor')).toBe('abc');
      });

      const empty = await factory.open({ fresh: true });
      try {
        await empty.importState(exported, { replace: false });
        expect(await empty.exportState()).toEqual(exported);
      } finally {
        await empty.close();
      }
    });

    it('gives leadership of a name to one holder at a time, and hands it to a waiter on release', async () => {
      const first = await store.tryLeadership('scheduler');
      expect(first?.signal.aborted).toBe(false);
      expect(await store.tryLeadership('scheduler')).toBeUndefined();
      const other = await store.tryLeadership('another job');
      expect(other).toBeDefined();

      const waiting = store.awaitLeadership('scheduler');
      await first!.release();
      expect(first!.signal.aborted).toBe(true);
      const second = await waiting;
      expect(second?.name).toBe('scheduler');
      expect(await store.tryLeadership('scheduler')).toBeUndefined();

      const stop = new AbortController();
      const given = store.awaitLeadership('scheduler', stop.signal);
      stop.abort();
      expect(await given).toBeUndefined();
      await second!.release();
      await other!.release();
    });

    it('releases leaderships when it closes', async () => {
      const held = await store.tryLeadership('scheduler');
      await store.close();
      expect(held?.signal.aborted).toBe(true);
      store = await factory.open({ fresh: false });
      const again = await store.tryLeadership('scheduler');
      expect(again).toBeDefined();
      await again!.release();
    });

    it('reports its health', async () => {
      const health = await store.health();
      expect(health).toMatchObject({ ok: true, kind: factory.kind });
    });

    if (factory.persistent) {
      it('keeps committed data when closed and opened again', async () => {
        await store.transaction((tx) => linkChannel(operation(tx, frameworks), 'South West'));
        await store.transaction((tx) => addAction(operation(tx, frameworks), { title: 'Kept', owner: MEMBER, priorities: ['CSW2122.1'], timescalePhrase: 'Ongoing' }));
        const before = await store.exportState();
        await store.close();
        store = await factory.open({ fresh: false });
        expect(await store.exportState()).toEqual(before);
        expect((await store.transaction((tx) => tx.action('SW-1')))?.title).toBe('Kept');
      });
    }
  });
}
