/**
 * A real OpenID Connect provider for tests: the npm `oidc-provider` package (the certified Node.js OP)
 * served in-process on 127.0.0.1, with one confidential client (authorization code + PKCE, the client's
 * redirect URIs exactly) and a small user store (e-mail, password, `email_verified`, name).
 *
 * Its interaction pages are what a person sees at an identity provider: a sign-in form (e-mail + password,
 * checked against the store; a wrong password re-renders the form with an error) and a consent page
 * ("Allow" / "Cancel" — cancel answers the client with `access_denied`). Consent is remembered as a grant,
 * and the provider keeps its own session cookie, so a second sign-in in the same browser returns at once.
 * Claims: `openid` → sub; `email` → email, email_verified; `profile` → name. ID tokens carry only `sub` (the
 * provider's standard-conforming default), so relying parties must read the rest from the userinfo endpoint.
 */
import { generateKeyPairSync, randomBytes, timingSafeEqual, createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type Configuration } from "oidc-provider";

/** One account at the test provider. */
export interface OidcTestUser {
  /** the `sub` claim (stable id at this issuer) */
  sub: string;
  email: string;
  password: string;
  emailVerified: boolean;
  name: string;
}

/** The registered client. */
export interface OidcTestClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
}

/** A running provider. */
export interface OidcTestProvider {
  /** issuer URL, e.g. `http://127.0.0.1:4304` (OIDC_ISSUER) */
  issuer: string;
  users: Map<string, OidcTestUser>;
  /** Adds or replaces a user (keyed by e-mail). */
  addUser(user: OidcTestUser): void;
  close(): Promise<void>;
}

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><main><h1>${escape(title)}</h1>${body}</main></body></html>`;
}

function sameSecret(a: string, b: string): boolean {
  const h = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(h(a), h(b));
}

async function readForm(req: http.IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 16_384) throw new Error("form too large");
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

/**
 * Starts the provider.
 * @param opts port (0 = any free port), the client and the initial users
 */
export async function startOidcProvider(opts: {
  port: number;
  client: OidcTestClient;
  users: OidcTestUser[];
}): Promise<OidcTestProvider> {
  const users = new Map(opts.users.map((u) => [u.email.toLowerCase(), u]));
  const bySub = () => new Map([...users.values()].map((u) => [u.sub, u]));
  const server = http.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, "127.0.0.1", () => resolve());
  });
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = {
    ...privateKey.export({ format: "jwk" }),
    kid: randomBytes(8).toString("hex"),
    alg: "RS256",
    use: "sig",
  };

  const configuration: Configuration = {
    clients: [
      {
        client_id: opts.client.clientId,
        client_secret: opts.client.clientSecret,
        redirect_uris: opts.client.redirectUris,
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    jwks: { keys: [jwk as never] },
    cookies: { keys: [randomBytes(32).toString("hex")] },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    scopes: ["openid", "email", "profile"],
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    pkce: { required: () => true },
    // lifetimes in seconds (a short test run needs no more)
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AuthorizationCode: 60, AccessToken: 600, IdToken: 600 },
    findAccount: (_ctx, sub) => {
      const user = bySub().get(sub);
      if (!user) return undefined;
      return {
        accountId: sub,
        claims: () => ({ sub, email: user.email, email_verified: user.emailVerified, name: user.name }),
      };
    },
    renderError: (ctx, out) => {
      ctx.type = "html";
      ctx.body = page("Sign-in error", `<p role="alert">${escape(String(out.error_description ?? out.error))}</p>`);
    },
  };
  const provider = new Provider(issuer, configuration);
  // oidc-provider logs server errors itself; tests assert on responses.
  provider.on("server_error", () => undefined);
  const callback = provider.callback();

  async function interaction(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const details = await provider.interactionDetails(req, res);
    const uid = escape(details.uid);
    const send = (status: number, html: string) => {
      res.writeHead(status, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
      res.end(html);
    };
    const loginForm = (error?: string, email = "") =>
      page(
        "Sign in to Test Identity",
        `${error ? `<p role="alert">${escape(error)}</p>` : ""}
<form method="post" action="/interaction/${uid}/login">
<p><label>E-mail <input type="email" name="email" autocomplete="username" value="${escape(email)}" required></label></p>
<p><label>Password <input type="password" name="password" autocomplete="current-password" required></label></p>
<p><button type="submit">Sign in</button></p></form>`,
      );
    const action = url.pathname.split("/")[3];
    if (req.method === "GET") {
      if (details.prompt.name === "login") return send(200, loginForm());
      const client = escape(String(details.params.client_id));
      return send(
        200,
        page(
          "Allow access",
          `<p>The application <strong>${client}</strong> asks for your name and e-mail address.</p>
<form method="post" action="/interaction/${uid}/confirm"><button type="submit">Allow</button></form>
<form method="post" action="/interaction/${uid}/abort"><button type="submit">Cancel</button></form>`,
        ),
      );
    }
    if (req.method !== "POST") return send(405, page("Method not allowed", ""));
    const form = await readForm(req);
    if (action === "login" && details.prompt.name === "login") {
      const email = (form.get("email") ?? "").trim().toLowerCase();
      const user = users.get(email);
      if (!user || !sameSecret(user.password, form.get("password") ?? "")) {
        return send(401, loginForm("Wrong e-mail or password.", email));
      }
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: user.sub } },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    if (action === "confirm" && details.prompt.name === "consent") {
      const accountId = details.session?.accountId;
      if (!accountId) return send(400, page("No session", ""));
      const grant = details.grantId
        ? await provider.Grant.find(details.grantId)
        : new provider.Grant({ accountId, clientId: String(details.params.client_id) });
      if (!grant) return send(400, page("Grant expired", ""));
      const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
      if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(" "));
      if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
      const grantId = await grant.save();
      await provider.interactionFinished(
        req,
        res,
        { consent: details.grantId ? {} : { grantId } },
        { mergeWithLastSubmission: true },
      );
      return;
    }
    if (action === "abort") {
      await provider.interactionFinished(
        req,
        res,
        { error: "access_denied", error_description: "The person cancelled the sign-in." },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    return send(400, page("Unexpected step", ""));
  }

  server.on("request", (req, res) => {
    const url = new URL(req.url ?? "/", issuer);
    if (url.pathname.startsWith("/interaction/")) {
      interaction(req, res, url).catch((err: unknown) => {
        if (!res.headersSent) res.writeHead(400, { "content-type": "text/html; charset=utf-8" });
        res.end(page("Sign-in error", `<p role="alert">${escape(err instanceof Error ? err.message : "error")}</p>`));
      });
      return;
    }
    void callback(req, res);
  });

  return {
    issuer,
    users,
    addUser(user) {
      users.set(user.email.toLowerCase(), user);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
