/**
 * Spreadsheet IDs as people paste them: the bare ID, or the whole address
 * from the browser bar (https://docs.google.com/spreadsheets/d/<ID>/edit#gid=0).
 */
const BARE_ID = /^[A-Za-z0-9_-]{20,100}$/;
const IN_URL = /\/spreadsheets\/(?:u\/\d+\/)?d\/([A-Za-z0-9_-]+)/;
const PUBLISHED_URL = /\/spreadsheets\/(?:u\/\d+\/)?d\/e\//;

export type SpreadsheetIdResult = { ok: true; id: string } | { ok: false; reason: string };

export function parseSpreadsheetId(text: string): SpreadsheetIdResult {
  // Slack sends links as <url> or <url|label>.
  const typed = text.trim().replace(/^<([^|>]*)(?:\|[^>]*)?>$/, '$1');
  if (typed === '') return { ok: false, reason: 'No spreadsheet ID or address was given.' };
  if (PUBLISHED_URL.test(typed)) {
    return { ok: false, reason: 'That is a "Publish to the web" link, which cannot be written to. Open the sheet itself and copy the address from the browser bar.' };
  }
  const fromUrl = IN_URL.exec(typed)?.[1];
  const candidate = fromUrl ?? typed;
  if (!BARE_ID.test(candidate)) {
    return {
      ok: false,
      reason: fromUrl === undefined && /^https?:/i.test(typed)
        ? 'That address is not a Google Sheets address. It should look like https://docs.google.com/spreadsheets/d/<ID>/edit.'
        : `"${candidate.length > 60 ? `${candidate.slice(0, 57)}...` : candidate}" is not a spreadsheet ID. An ID is the long run of letters, digits, - and _ between /d/ and /edit in the sheet's address.`,
    };
  }
  return { ok: true, id: candidate };
}

export function spreadsheetUrl(id: string): string {
  return `https://docs.google.com/spreadsheets/d/${id}/edit`;
}
