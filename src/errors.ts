/**
 * Errors a person can act on. Each has a stable code (for logs and tests) and
 * a message written for the person who typed the command. Front ends turn
 * them into replies in one place (commands/dispatch.ts); nothing else catches them.
 */
export type UserErrorCode =
  | 'unknown-command'
  | 'bad-arguments'
  | 'not-found'
  | 'forbidden'
  | 'not-linked'
  | 'invalid-timescale'
  | 'conflict'
  | 'invalid-file'
  /** A chat service delivered the same request twice (a retry, a double submission); the first one counted. */
  | 'duplicate-request';

export class UserError extends Error {
  readonly code: UserErrorCode;
  /** Usage text of the command concerned, shown under the message. */
  readonly usage: string | undefined;

  constructor(code: UserErrorCode, message: string, usage?: string) {
    super(message);
    this.name = 'UserError';
    this.code = code;
    this.usage = usage;
  }

  withUsage(usage: string): UserError {
    return this.usage ? this : new UserError(this.code, this.message, usage);
  }
}

export const notFound = (message: string): UserError => new UserError('not-found', message);
export const forbidden = (message: string): UserError => new UserError('forbidden', message);
export const badArguments = (message: string): UserError => new UserError('bad-arguments', message);
export const conflict = (message: string): UserError => new UserError('conflict', message);

/** A data file that cannot be trusted. Start-up stops; the file is left exactly as it is. */
export class DataFileError extends Error {
  readonly file: string;

  constructor(file: string, message: string) {
    super(`${file}: ${message}`);
    this.name = 'DataFileError';
    this.file = file;
  }
}

/** A setting that is missing or malformed. Start-up stops with this message. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * The database cannot be used: unreachable, refused the login, or missing.
 * Start-up stops with this message; it names the server but never the password.
 */
export class DatabaseUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseUnavailableError';
  }
}

/**
 * Others changed the same thing at the same moment and the store gave up
 * retrying. Nothing was saved; the person is asked to try again.
 */
export class TransactionConflictError extends UserError {
  constructor() {
    super('conflict', 'Several changes to the same thing arrived at the same moment and this one could not be saved. Nothing was saved; please try again.');
    this.name = 'TransactionConflictError';
  }
}

/** The store is shutting down (SIGTERM): new work is refused, in-flight work finishes. */
export class StoreClosedError extends Error {
  constructor() {
    super('The store is shutting down, so nothing more can be saved.');
    this.name = 'StoreClosedError';
  }
}

/** An import into a store that already holds data, without --replace. */
export class ImportRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportRefusedError';
  }
}
