/**
 * Text from a pull request (messages, names, values) made inert for GitHub's Markdown, in PR
 * comments and job summaries alike.
 */

/** Control characters other than tab and newline; bidi overrides too, so text cannot disguise itself. */
export const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g;

/**
 * `@user`, `@org/team` and `#123` would notify people or link issues, and GitHub turns bare
 * `https://…`, `www.…` and `user@host` into links: a fork's text could then offer a link that
 * looks like kforge's own. A zero-width space after the sign, before a scheme's colon or after
 * `www` keeps the text readable and inert. Applied everywhere except inside code, which GitHub
 * never links.
 */
export function neutralize(text: string): string {
  return text
    .replace(INVISIBLE, "")
    .replace(/@(?=[\w-])/g, "@\u200b")
    .replace(/#(?=\d)/g, "#\u200b")
    .replace(/(https?|ftp|mailto|xmpp)(?=:)/gi, "$1\u200b")
    .replace(/(www)(?=\.)/gi, "$1\u200b");
}
