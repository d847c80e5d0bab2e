import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { ConfigError } from '../src/errors.ts';

describe('loadConfig', () => {
  it('has defaults that run the local shell with no settings at all', () => {
    expect(loadConfig({})).toMatchObject({
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

describe('job settings', () => {
  it('have defaults', () => {
    expect(loadConfig({})).toMatchObject({
      bankHolidaysFile: 'data/bank-holidays/england-and-wales.json',
      jobsEnabled: true,
      jobCatchUpMinutes: 60,
      reminderDefaults: { daysBefore: 3, escalateAfter: 5, time: { hour: 9, minute: 0 } },
      messagePacingMs: 1000,
    });
  });

  it('are read from the environment', () => {
    expect(loadConfig({ JOBS_ENABLED: 'FALSE', JOB_CATCH_UP_MINUTES: '0', REMINDER_DAYS_BEFORE: '0', REMINDER_ESCALATE_AFTER: '10', REMINDER_TIME: '7:45', MESSAGE_PACING_MS: '0' })).toMatchObject({
      jobsEnabled: false, jobCatchUpMinutes: 0, reminderDefaults: { daysBefore: 0, escalateAfter: 10, time: { hour: 7, minute: 45 } }, messagePacingMs: 0,
    });
  });

  it.each([
    ['JOBS_ENABLED', 'yes', 'is neither true nor false'],
    ['JOB_CATCH_UP_MINUTES', '-5', 'is not a whole number'],
    ['JOB_CATCH_UP_MINUTES', '1441', 'is out of range (0 to 1440)'],
    ['REMINDER_DAYS_BEFORE', '21', 'is out of range (0 to 20)'],
    ['REMINDER_ESCALATE_AFTER', 'five', 'is not a whole number'],
    ['REMINDER_TIME', '9am', 'is not a 24-hour time'],
    ['MESSAGE_PACING_MS', '1.5', 'is not a whole number'],
  ])('a bad %s (%j) stops start-up, naming the setting and how to fix it', (name, value, problem) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(`${name}=${JSON.stringify(value)} ${problem}. Set it to`);
  });
});
