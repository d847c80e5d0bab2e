/**
 * DATABASE_URL helpers. The URL may carry a password, so anything written to
 * a log, an error or the console describes the database with these instead.
 */

export function isPostgresUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '' && url.pathname.length > 1;
  } catch {
    return false;
  }
}

/** "user@host:5432/dbname", never the password. */
export function describeDatabase(text: string): string {
  try {
    const url = new URL(text);
    const user = url.username ? `${decodeURIComponent(url.username)}@` : '';
    return `${user}${url.hostname}:${url.port || '5432'}${decodeURIComponent(url.pathname)}`;
  } catch {
    return 'the database in DATABASE_URL';
  }
}
