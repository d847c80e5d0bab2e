import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { ConfigError } from '../src/errors.ts';

describe('loadConfig', () => {
  it('has defaults that run the local shell with no settings at all', () => {
    expect(loadConfig({})).toEqual({
      dataFile: 'data/psw.json', timeZone: 'Europe/London', logLevel: 'info', localUserId: 'ULOCAL', frameworksDir: 'data/frameworks',
    });
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ BOT_TIMEZONE: '', DATA_FILE: '  ' }).timeZone).toBe('Europe/London');
  });

  it.each([
    ['BOT_TIMEZONE', 'Europe/Londn', /BOT_TIMEZONE="Europe\/Londn" is not a time zone the runtime knows\. Set it to an IANA time zone name/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL="loud" .*Set it to one of fatal, error, warn, info, debug, trace, silent/],
    ['LOCAL_USER_ID', 'alice', /LOCAL_USER_ID="alice" must look like a Slack user ID/],
  ])('stops on a bad %s, naming it and how to fix it', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });
});
