/** What staff see instead of a portal token: that a link was sent, never the link itself. */
export const HIDDEN_TOKEN = '[link hidden: only its recipient may use it]';

// Portal links carry the token as a query parameter; it ends at whitespace, a quote, a tag or
// the next parameter (`&` or its HTML form `&amp;`).
const TOKEN_PARAMETER = /([?&](?:amp;)?token=)[^\s"'<>&]+/g;

/** The text with every portal token replaced, so a message shown in the console opens nothing. */
export const redactLinks = (text: string) => text.replace(TOKEN_PARAMETER, `$1${HIDDEN_TOKEN}`);

/** An outbox row as the back office may see it: bodies with their links redacted. */
export function redactMessage<T extends { html?: unknown; text?: unknown }>(row: T): T {
  return {
    ...row,
    ...(typeof row.html === 'string' ? { html: redactLinks(row.html) } : {}),
    ...(typeof row.text === 'string' ? { text: redactLinks(row.text) } : {}),
  };
}
