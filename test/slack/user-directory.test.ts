import { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/logger.ts';
import { FAILURE_TTL_MS, NAME_TTL_MS, UserDirectory } from '../../src/slack/user-directory.ts';
import { FakeSlackApi } from './fake-slack-api.ts';

let fake: FakeSlackApi;
let now: Date;
let users: UserDirectory;
beforeEach(async () => {
  fake = await FakeSlackApi.start();
  fake.users.set('U1', { id: 'U1', name: 'jo.bloggs', realName: 'Jo Bloggs', displayName: 'Jo' });
  now = new Date('2027-05-27T09:00:00Z');
  const client = new WebClient(fake.validToken, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
  users = new UserDirectory(client, () => now, silentLogger());
});
afterEach(async () => {
  await fake.close();
});

describe('UserDirectory', () => {
  it('looks a name up with users.info once, and again only after an hour', async () => {
    expect(await users.displayName('U1')).toBe('Jo');
    expect(await users.displayName('U1')).toBe('Jo');
    expect(fake.callsTo('users.info')).toHaveLength(1);
    now = new Date(now.getTime() + NAME_TTL_MS - 1);
    await users.displayName('U1');
    expect(fake.callsTo('users.info')).toHaveLength(1);
    now = new Date(now.getTime() + 2);
    fake.users.set('U1', { id: 'U1', name: 'jo.bloggs', realName: 'Jo Bloggs', displayName: 'Jo B' });
    expect(await users.displayName('U1')).toBe('Jo B');
    expect(fake.callsTo('users.info')).toHaveLength(2);
  });

  it('shares one look-up between simultaneous requests for the same person', async () => {
    await Promise.all([users.displayName('U1'), users.displayName('U1'), users.displayNames(['U1', 'U1'])]);
    expect(fake.callsTo('users.info')).toHaveLength(1);
  });

  it('falls back to no name when the look-up fails, and does not ask again for five minutes', async () => {
    expect(await users.displayName('UNKNOWN')).toBeUndefined();
    expect(await users.displayName('UNKNOWN')).toBeUndefined();
    expect(fake.callsTo('users.info')).toHaveLength(1);
    now = new Date(now.getTime() + FAILURE_TTL_MS + 1);
    await users.displayName('UNKNOWN');
    expect(fake.callsTo('users.info')).toHaveLength(2);
  });

  it('uses the real name when no display name is set', async () => {
    fake.users.set('U2', { id: 'U2', name: 'sam', realName: 'Sam Smith', displayName: '' });
    expect(await users.displayName('U2')).toBe('Sam Smith');
  });
});
