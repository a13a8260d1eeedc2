/**
 * OpenID Connect sign-in through next-auth's real handler (`NextAuth(req, res, options)`: the same core
 * `AuthHandler` as /api/auth/[...nextauth], called through its Node request/response form) against a real OpenID Connect provider (npm `oidc-provider`, test/oidc/provider.ts)
 * on 127.0.0.1: discovery, authorization code + PKCE + state + nonce, the provider's own sign-in and consent
 * forms, token exchange, ID token and userinfo. Checks the account linking rule (oauth.ts), the session
 * version in the issued session, and that every failure (state mismatch, unverified e-mail, provider down,
 * cancelled consent) ends on the sign-in page with a code it explains — never a 500.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import NextAuth, { type AuthOptions } from "next-auth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/db.ts";
import { apiRequest, TEST_APP_URL, TEST_AUTH_SECRET } from "../../../test/authz/session.ts";
import { offlineClient } from "../../../test/authz/siwe.ts";
import { startOidcProvider, type OidcTestProvider, type OidcTestUser } from "../../../test/oidc/provider.ts";
import { getSessionUser, invalidateSessions } from "@/server/auth.ts";
import { sessionCookieName } from "@/server/auth/secret.ts";
import { decodeSessionToken } from "@/server/auth/session-token.ts";
import { buildAuthOptions, SIGN_IN_ERRORS, type AuthDeps } from "./auth-options.ts";
import { hashPassword } from "./password.ts";

const CLIENT = { clientId: "academy-test", clientSecret: randomBytes(24).toString("hex") };
const CALLBACK = `${TEST_APP_URL}/api/auth/callback/oidc`;
const ada: OidcTestUser = {
  sub: "sub-ada",
  email: "ada@idp.test",
  password: "ada-password-1",
  emailVerified: true,
  name: "Ada Lovelace",
};
const eve: OidcTestUser = {
  sub: "sub-eve",
  email: "eve@idp.test",
  password: "eve-password-1",
  emailVerified: false,
  name: "Eve",
};

let t: TestDatabase;
let idp: OidcTestProvider;

function env(issuer: string): AuthDeps["env"] {
  return {
    APP_URL: TEST_APP_URL,
    CHAIN_ID: 31337,
    NEXTAUTH_SECRET: TEST_AUTH_SECRET,
    DEV_CHAIN_KEYS: false,
    OIDC_ISSUER: issuer,
    OIDC_CLIENT_ID: CLIENT.clientId,
    OIDC_CLIENT_SECRET: CLIENT.clientSecret,
    OIDC_NAME: "Google",
    SESSION_MAX_AGE_SECONDS: 30 * 86_400,
    SESSION_IDLE_TIMEOUT_SECONDS: 7 * 86_400,
    SIGNUP: undefined,
    OFFLINE_MODE: false,
  };
}

function options(issuer: string): AuthOptions {
  // next-auth's own error logger prints every expected failure below; keep the output readable.
  const quiet = { error: () => undefined, warn: () => undefined, debug: () => undefined };
  return {
    ...buildAuthOptions({ db: t.db, client: offlineClient, env: env(issuer), requestLocale: async () => "de" }),
    logger: quiet,
  };
}

beforeAll(async () => {
  process.env.NEXTAUTH_URL = TEST_APP_URL;
  t = await createTestDatabase();
  idp = await startOidcProvider({ port: 0, client: { ...CLIENT, redirectUris: [CALLBACK] }, users: [ada, eve] });
});
afterAll(async () => {
  await idp?.close();
  await t?.drop();
});

/** Applies `Set-Cookie` lines to a jar (an empty value or an expiry in the past deletes). */
function storeCookies(jar: Map<string, string>, lines: string[]): void {
  for (const line of lines) {
    const [pair = "", ...attrs] = line.split(";");
    const eq = pair.indexOf("=");
    const name = pair.slice(0, eq).trim();
    const value = decodeURIComponent(pair.slice(eq + 1).trim());
    const expires = attrs.map((a) => /^\s*expires=(.*)$/i.exec(a)?.[1]).find((v) => v !== undefined);
    const gone =
      value === "" ||
      attrs.some((a) => /^\s*max-age=0\s*$/i.test(a)) ||
      (expires !== undefined && new Date(expires).getTime() <= Date.now());
    if (gone) jar.delete(name);
    else jar.set(name, value);
  }
}

/** One browser: the app's cookies (next-auth's handler) and the provider's cookies. */
class Browser {
  app = new Map<string, string>();
  idp = new Map<string, string>();

  /** Calls next-auth's handler; returns the status, Location and JSON/text body, and keeps its cookies. */
  async call(
    opts: AuthOptions,
    action: string,
    init: { method?: string; providerId?: string; query?: Record<string, string>; body?: Record<string, string> } = {},
  ): Promise<{ status: number; redirect: string | null; body: unknown }> {
    const out = { status: 200, headers: new Map<string, string | string[]>(), body: undefined as unknown };
    const res = {
      status(code: number) {
        out.status = code;
        return res;
      },
      setHeader(name: string, value: string | string[]) {
        out.headers.set(name.toLowerCase(), value);
        return res;
      },
      getHeader: (name: string) => out.headers.get(name.toLowerCase()),
      end() {},
      json(body: unknown) {
        out.body = body;
      },
      send(body: unknown) {
        out.body = body;
      },
    };
    const req = {
      method: init.method ?? "GET",
      query: { ...init.query, nextauth: init.providerId ? [action, init.providerId] : [action] },
      body: init.body,
      cookies: Object.fromEntries(this.app),
      headers: { host: new URL(TEST_APP_URL).host },
    };
    await (NextAuth as unknown as (q: unknown, r: unknown, o: AuthOptions) => Promise<void>)(req, res, opts);
    const setCookie = out.headers.get("set-cookie") ?? [];
    storeCookies(this.app, Array.isArray(setCookie) ? setCookie : [setCookie]);
    const json = out.body as { url?: string } | undefined;
    const location = (out.headers.get("location") as string | undefined) ?? json?.url ?? null;
    return { status: out.status, redirect: location, body: out.body };
  }

  /** Starts "Continue with Google": the provider's authorization URL (or next-auth's error redirect). */
  async start(opts: AuthOptions, callbackUrl = `${TEST_APP_URL}/dashboard`): Promise<string> {
    const csrf = await this.call(opts, "csrf");
    const { csrfToken } = csrf.body as { csrfToken: string };
    const res = await this.call(opts, "signin", {
      method: "POST",
      providerId: "oidc",
      body: { csrfToken, callbackUrl, json: "true" },
    });
    expect(res.status).toBeLessThan(500);
    if (!res.redirect) throw new Error(`no redirect from signin: ${JSON.stringify(res)}`);
    return res.redirect;
  }

  /** A request to the provider with its cookies; stores the cookies it sets. */
  async idpFetch(url: string, form?: Record<string, string>): Promise<Response> {
    const res = await fetch(url, {
      method: form ? "POST" : "GET",
      redirect: "manual",
      headers: {
        cookie: [...this.idp].map(([k, v]) => `${k}=${v}`).join("; "),
        ...(form ? { "content-type": "application/x-www-form-urlencoded" } : {}),
      },
      body: form ? new URLSearchParams(form).toString() : undefined,
    });
    storeCookies(this.idp, res.headers.getSetCookie());
    return res;
  }

  /**
   * Follows redirects at the provider, answering its sign-in form with `login` and its consent page with
   * `consent`, until it sends the browser back to the app. Returns that URL.
   */
  async atProvider(
    authUrl: string,
    login: { email: string; password: string } | null,
    consent: "allow" | "cancel" = "allow",
  ): Promise<URL> {
    let url = authUrl;
    let form: Record<string, string> | undefined;
    for (let hops = 0; hops < 20; hops++) {
      const res = await this.idpFetch(url, form);
      form = undefined;
      const location = res.headers.get("location");
      if (location) {
        const next = new URL(location, url);
        if (next.href.startsWith(CALLBACK)) return next;
        url = next.href;
        continue;
      }
      const html = await res.text();
      expect(res.status, html).toBe(200);
      const action = (name: string) => {
        const m = new RegExp(`action="(/interaction/[^"]+/${name})"`).exec(html);
        if (!m) throw new Error(`no ${name} form in: ${html}`);
        return new URL(m[1]!, url).href;
      };
      if (html.includes('name="password"')) {
        if (!login) throw new Error("the provider asked for a sign-in");
        url = action("login");
        form = login;
      } else {
        url = action(consent === "allow" ? "confirm" : "abort");
        form = {};
      }
    }
    throw new Error("too many redirects at the provider");
  }

  /** Hands the provider's redirect to the app's callback; follows next-auth's error route to the sign-in page. */
  async callback(opts: AuthOptions, back: URL): Promise<{ location: string; session: string | null }> {
    expect(back.href.startsWith(CALLBACK)).toBe(true);
    const res = await this.call(opts, "callback", {
      providerId: "oidc",
      query: Object.fromEntries(back.searchParams),
    });
    expect(res.status).toBe(302);
    return {
      location: await this.followAuthPages(opts, res.redirect ?? ""),
      session: this.app.get(sessionCookieName(TEST_APP_URL)) ?? null,
    };
  }

  /** Follows next-auth's own pages (/api/auth/error → /api/auth/signin → our page), as a browser would. */
  async followAuthPages(opts: AuthOptions, location: string): Promise<string> {
    for (let hops = 0; hops < 5; hops++) {
      const url = new URL(location, TEST_APP_URL);
      if (!url.pathname.startsWith("/api/auth/")) return location;
      const page = await this.call(opts, url.pathname.split("/")[3] ?? "", {
        query: Object.fromEntries(url.searchParams),
      });
      expect(page.status).toBe(302);
      location = page.redirect ?? "";
    }
    throw new Error("too many redirects in next-auth's pages");
  }
}

/** The `?error=` code of a sign-in page URL. */
function signInError(location: string): string | null {
  const url = new URL(location, TEST_APP_URL);
  expect(url.pathname).toBe("/signin");
  return url.searchParams.get("error");
}

const sessionDeps = () => ({ db: t.db, secret: TEST_AUTH_SECRET, appUrl: TEST_APP_URL });
const asRequest = (token: string) =>
  apiRequest("GET", "/api/x", { cookie: `${sessionCookieName(TEST_APP_URL)}=${token}` });

describe("OpenID Connect sign-in (next-auth handler ↔ oidc-provider)", () => {
  it("signs a new person in: a learner account with the verified e-mail; a second sign-in lands in it", async () => {
    const opts = options(idp.issuer);
    const browser = new Browser();
    const authUrl = await browser.start(opts);
    const parsed = new URL(authUrl);
    expect(parsed.origin).toBe(idp.issuer);
    // PKCE (S256), state and nonce are sent; the scope asks for e-mail.
    expect(parsed.searchParams.get("code_challenge_method")).toBe("S256");
    expect(parsed.searchParams.get("state")).toBeTruthy();
    expect(parsed.searchParams.get("nonce")).toBeTruthy();
    expect(parsed.searchParams.get("scope")).toBe("openid email profile");

    const first = await browser.callback(opts, await browser.atProvider(authUrl, ada));
    expect(first.location).toBe(`${TEST_APP_URL}/dashboard`);
    expect(first.session).toBeTruthy();
    const claims = await decodeSessionToken(first.session, TEST_AUTH_SECRET);
    const user = await t.db.user.findUniqueOrThrow({
      where: { email: ada.email },
      include: { accounts: { select: { provider: true, providerAccountId: true } } },
    });
    expect(claims?.sub).toBe(user.id);
    expect(claims?.sv).toBe(user.sessionVersion);
    expect(user.roles).toEqual(["LEARNER"]);
    expect(user.emailVerified).not.toBeNull();
    expect(user.name).toBe("Ada Lovelace");
    expect(user.locale).toBe("de");
    expect(user.passwordHash).toBeNull();
    expect(user.accounts).toEqual([{ provider: idp.issuer, providerAccountId: ada.sub }]);
    expect((await getSessionUser(asRequest(first.session!), sessionDeps()))?.id).toBe(user.id);

    // Sign-out everywhere (the session version moves on), then sign in again: the provider remembers the
    // person and the consent, and the new session is the same account with the current version.
    await invalidateSessions(t.db, user.id);
    expect(await getSessionUser(asRequest(first.session!), sessionDeps())).toBeNull();
    browser.app.clear();
    const again = await browser.callback(opts, await browser.atProvider(await browser.start(opts), null));
    expect(again.location).toBe(`${TEST_APP_URL}/dashboard`);
    const claims2 = await decodeSessionToken(again.session, TEST_AUTH_SECRET);
    expect(claims2?.sub).toBe(user.id);
    expect(claims2?.sv).toBe(user.sessionVersion + 1);
    expect((await getSessionUser(asRequest(again.session!), sessionDeps()))?.id).toBe(user.id);
    expect(await t.db.user.count({ where: { email: ada.email } })).toBe(1);
  });

  it("links to an existing account only when that account confirmed the e-mail address", async () => {
    const opts = options(idp.issuer);
    const hash = await hashPassword("local-password-1");
    idp.addUser({ sub: "sub-carl", email: "carl@idp.test", password: "p-carl-1", emailVerified: true, name: "C" });
    const unconfirmed = await t.db.user.create({
      data: { email: "carl@idp.test", passwordHash: hash, name: "Carl (typed by someone)" },
    });
    const browser = new Browser();
    const refused = await browser.callback(
      opts,
      await browser.atProvider(await browser.start(opts), { email: "carl@idp.test", password: "p-carl-1" }),
    );
    expect(signInError(refused.location)).toBe("OAuthAccountNotLinked");
    expect(refused.session).toBeNull();
    expect(await t.db.account.count({ where: { userId: unconfirmed.id } })).toBe(0);

    // Once the owner confirmed the address with us (the mailed link), the same identity signs into it.
    await t.db.user.update({ where: { id: unconfirmed.id }, data: { emailVerified: new Date() } });
    const linked = await browser.callback(opts, await browser.atProvider(await browser.start(opts), null));
    expect(linked.location).toBe(`${TEST_APP_URL}/dashboard`);
    expect((await decodeSessionToken(linked.session, TEST_AUTH_SECRET))?.sub).toBe(unconfirmed.id);
    const after = await t.db.user.findUniqueOrThrow({ where: { id: unconfirmed.id }, include: { accounts: true } });
    expect(after.accounts.map((a) => a.providerAccountId)).toEqual(["sub-carl"]);
    expect(after.passwordHash).toBe(hash);
    expect(await t.db.auditLog.count({ where: { entityId: unconfirmed.id, action: "user.oidc_linked" } })).toBe(1);
  });

  it("refuses an e-mail the provider did not verify: sign-in page, nothing written", async () => {
    const opts = options(idp.issuer);
    const browser = new Browser();
    const users = await t.db.user.count();
    const res = await browser.callback(opts, await browser.atProvider(await browser.start(opts), eve));
    expect(signInError(res.location)).toBe("OidcEmailUnverified");
    expect(res.session).toBeNull();
    expect(await t.db.user.count()).toBe(users);
    expect(await t.db.account.count({ where: { providerAccountId: eve.sub } })).toBe(0);
  });

  it("refuses a callback whose state does not match this browser's (login CSRF): OAuthCallback", async () => {
    const opts = options(idp.issuer);
    // The attacker runs a sign-in with their own identity and stops before the callback…
    const attacker = new Browser();
    const back = await attacker.atProvider(await attacker.start(opts), ada);
    // …and gets the victim's browser (which started its own sign-in) to open that callback URL.
    const victim = new Browser();
    await victim.start(opts);
    const res = await victim.callback(opts, back);
    expect(signInError(res.location)).toBe("OAuthCallback");
    expect(res.session).toBeNull();
    // A tampered state in the victim's own flow is refused the same way.
    const own = new Browser();
    const ownBack = await own.atProvider(await own.start(opts), ada);
    ownBack.searchParams.set("state", "tampered");
    const tampered = await own.callback(opts, ownBack);
    expect(signInError(tampered.location)).toBe("OAuthCallback");
    expect(tampered.session).toBeNull();
  });

  it("a cancelled consent ends on the sign-in page (Callback: the provider answered access_denied)", async () => {
    const opts = options(idp.issuer);
    const browser = new Browser();
    idp.addUser({ sub: "sub-dan", email: "dan@idp.test", password: "p-dan-1", emailVerified: true, name: "Dan" });
    const back = await browser.atProvider(
      await browser.start(opts),
      { email: "dan@idp.test", password: "p-dan-1" },
      "cancel",
    );
    expect(back.searchParams.get("error")).toBe("access_denied");
    const res = await browser.callback(opts, back);
    expect(signInError(res.location)).toBe("Callback");
    expect(await t.db.user.count({ where: { email: "dan@idp.test" } })).toBe(0);
  });

  it("provider down: before leaving (OAuthSignin) and on the way back (OAuthCallback), never a 500", async () => {
    const down = await startOidcProvider({
      port: 0,
      client: { ...CLIENT, redirectUris: [CALLBACK] },
      users: [{ ...ada, sub: "sub-ada-2" }],
    });
    const opts = options(down.issuer);
    const browser = new Browser();
    const back = await browser.atProvider(await browser.start(opts), ada);
    await down.close();
    const onReturn = await browser.callback(opts, back);
    expect(signInError(onReturn.location)).toBe("OAuthCallback");
    expect(onReturn.session).toBeNull();

    const fresh = new Browser();
    const start = await fresh.start(opts);
    expect(new URL(start, TEST_APP_URL).pathname).toBe("/api/auth/error");
    expect(signInError(await fresh.followAuthPages(opts, start))).toBe("OAuthSignin");
  });

  it("the sign-in page explains every code these failures produce, in every language", () => {
    for (const locale of ["en", "de", "fr", "es", "tr"]) {
      const file = path.resolve(import.meta.dirname, `../../../messages/${locale}/auth.json`);
      const errors = (JSON.parse(readFileSync(file, "utf8")) as { signIn: { errors: Record<string, string> } }).signIn
        .errors;
      for (const code of SIGN_IN_ERRORS) expect(errors[code], `${locale}: ${code}`).toBeTruthy();
    }
  });
});
