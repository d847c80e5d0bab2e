import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** The manifest a user pastes into Slack must match what the code does. */
const manifest = JSON.parse(readFileSync('slack/manifest.json', 'utf8')) as {
  features: { app_home: Record<string, boolean>; bot_user: { display_name: string }; slash_commands: { command: string; url: string; should_escape: boolean }[] };
  oauth_config: { scopes: { bot: string[] } };
  settings: { event_subscriptions: { request_url: string; bot_events: string[] }; interactivity: { is_enabled: boolean; request_url: string }; socket_mode_enabled: boolean };
};

describe('slack/manifest.json', () => {
  it('declares /psw with escaping on, sending everything to /slack/events', () => {
    expect(manifest.features.slash_commands).toEqual([expect.objectContaining({ command: '/psw', url: 'https://YOUR-HOST/slack/events', should_escape: true })]);
    expect(manifest.settings.interactivity).toEqual({ is_enabled: true, request_url: 'https://YOUR-HOST/slack/events' });
    expect(manifest.settings.event_subscriptions.request_url).toBe('https://YOUR-HOST/slack/events');
  });

  it('enables the Home tab and subscribes to app_home_opened, the only event the app handles', () => {
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(['app_home_opened']);
  });

  it('asks for exactly the bot scopes of the Web API methods the code calls, plus commands for /psw', () => {
    const SCOPE_OF: Record<string, string | null> = {
      'chat.postMessage': 'chat:write',
      'conversations.join': 'channels:join',
      'users.info': 'users:read',
      'views.open': null,
      'views.publish': null,
      'views.update': null,
    };
    const source = (dir: string): string[] => readdirSync(dir, { withFileTypes: true })
      .flatMap((e) => (e.isDirectory() ? source(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [readFileSync(path.join(dir, e.name), 'utf8')] : []));
    const methods = new Set(source('src/slack').flatMap((text) => [...text.matchAll(/client\.([a-z]+\.[a-zA-Z]+)\(/g)].map((m) => m[1]!)));
    for (const method of methods) expect(Object.keys(SCOPE_OF), `scope of ${method}`).toContain(method);
    const needed = new Set(['commands', ...[...methods].map((m) => SCOPE_OF[m]).filter((s): s is string => typeof s === 'string')]);
    expect(manifest.oauth_config.scopes.bot.sort()).toEqual([...needed].sort());
  });

  it('starts with Socket Mode off (HTTP), and names the bot as the /invite hint does', () => {
    expect(manifest.settings.socket_mode_enabled).toBe(false);
    expect(manifest.features.bot_user.display_name).toBe('PSW Network Bot');
  });
});
