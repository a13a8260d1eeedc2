/**
 * Redaction of URLs before they reach a log line or an error message: RPC endpoints (RPC_URL) often
 * carry credentials — user-info (`https://user:pass@host`), an API key in the query string
 * (`?apikey=…`) or as a path segment (Infura `/v3/<key>`, Alchemy `/v2/<key>`).
 */

/** A path segment that looks like a key (≥ 20 characters of letters, digits, `-`, `_`). */
const KEYLIKE_SEGMENT = /^[A-Za-z0-9_-]{20,}$/;

/**
 * `url` without credentials: user-info and password removed, query string and fragment replaced by
 * `?redacted`, key-like path segments replaced by `***`. Not a URL → returned as `[invalid url]`.
 * @example redactUrl("https://u:p@rpc.example/v3/0123456789abcdef0123?key=x") === "https://rpc.example/v3/***?redacted"
 */
export function redactUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return "[invalid url]";
  }
  const hadQuery = u.search !== "" || u.hash !== "";
  const path = u.pathname
    .split("/")
    .map((seg) => (KEYLIKE_SEGMENT.test(seg) ? "***" : seg))
    .join("/");
  return `${u.protocol}//${u.host}${path === "/" && !url.endsWith("/") ? "" : path}${hadQuery ? "?redacted" : ""}`;
}

const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>`]+/gi;

/** `text` with every URL in it passed through {@link redactUrl} (for error messages from HTTP clients such as viem). */
export function redactUrls(text: string): string {
  return text.replace(URL_IN_TEXT, (m) => {
    const trailing = /[).,;:]+$/.exec(m)?.[0] ?? "";
    return redactUrl(m.slice(0, m.length - trailing.length)) + trailing;
  });
}
