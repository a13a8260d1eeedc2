/**
 * Authorization-matrix harness: calls real route handlers with a real session cookie for four identities
 * (anonymous, learner, provider, admin) and compares the HTTP status with the expectation.
 *
 * To register an endpoint: add a `defineEndpoint({...})` to a list in `test/authz/endpoints/<feature>.ts`
 * and spread that list into `test/authz/endpoints.ts`. Each (endpoint, identity) case gets a FRESH user
 * with that identity's roles, so cases never influence each other; `request` may create fixtures in `db`.
 */
import { randomBytes } from "node:crypto";
import type { PrismaClient } from "@smolitux/db";
import type { Role } from "@/server/auth/roles.ts";
import { apiRequest, sessionCookie } from "./session.ts";

export const IDENTITIES = ["anonymous", "learner", "provider", "admin"] as const;
export type IdentityName = (typeof IDENTITIES)[number];

const ROLES_OF: Record<Exclude<IdentityName, "anonymous">, Role[]> = {
  learner: ["LEARNER"],
  provider: ["LEARNER", "PROVIDER"],
  admin: ["LEARNER", "PLATFORM_ADMIN"],
};

/** A signed-in test user. */
export interface TestIdentity {
  id: string;
  email: string;
  roles: Role[];
  /** `Cookie` header value with the session */
  cookie: string;
}

/** What a request builder receives. `user` is null for the anonymous identity. */
export interface RequestContext {
  db: PrismaClient;
  identity: IdentityName;
  user: TestIdentity | null;
}

/** The parts of the request an endpoint case controls. */
export interface RequestSpec<P extends Record<string, string>> {
  params: P;
  /** query string parameters */
  query?: Record<string, string>;
  body?: unknown;
  /** a body that is not JSON (file uploads, chunks), sent instead of `body` */
  raw?: { body: string | Uint8Array; contentType: string };
  headers?: Record<string, string>;
}

type Handler<P> = (req: Request, ctx: { params: Promise<P> }) => Promise<Response>;

/** One endpoint row of the matrix (build it with {@link defineEndpoint}). */
export interface AuthzEndpoint {
  name: string;
  method: "POST" | "PUT" | "PATCH" | "DELETE" | "GET" | "HEAD";
  /** route path with `[param]` placeholders, e.g. `/api/auth/users/[userId]/roles` */
  path: string;
  /** expected HTTP status per identity */
  expect: Record<IdentityName, number>;
  /** why the malformed-input fuzz test (fuzz.test.ts) leaves this row out, when it does */
  notFuzzed?: string;
  /** calls the handler with the built request; returns the response */
  call(ctx: RequestContext, cookie: string | null): Promise<Response>;
  /** builds the request spec (fixtures included) once; `send` may then alter params/body (fuzz tests) */
  prepare(ctx: RequestContext): Promise<PreparedCall>;
}

/** Changes a prepared request: other path params or query, another JSON body, or a raw body with its content type. */
export interface RequestOverride {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  raw?: { body: string; contentType: string };
}

/** A request whose fixtures exist; `send` calls the handler (as often as wanted). */
export interface PreparedCall {
  params: Record<string, string>;
  query: Record<string, string> | undefined;
  body: unknown;
  send(cookie: string | null, override?: RequestOverride): Promise<Response>;
}

/**
 * Declares a matrix row. `handler` lazily imports the route module's method export, e.g.
 * `handler: async () => (await import("@/app/api/x/route.ts")).POST`.
 */
export function defineEndpoint<P extends Record<string, string> = Record<string, never>>(def: {
  name: string;
  method: AuthzEndpoint["method"];
  path: string;
  handler: () => Promise<Handler<P>>;
  request?: (ctx: RequestContext) => Promise<RequestSpec<P>> | RequestSpec<P>;
  expect: Record<IdentityName, number>;
  notFuzzed?: string;
}): AuthzEndpoint {
  return {
    name: def.name,
    method: def.method,
    path: def.path,
    expect: def.expect,
    ...(def.notFuzzed ? { notFuzzed: def.notFuzzed } : {}),
    async call(ctx, cookie) {
      return (await this.prepare(ctx)).send(cookie);
    },
    async prepare(ctx) {
      const spec: RequestSpec<P> = def.request ? await def.request(ctx) : { params: {} as P };
      return {
        params: spec.params,
        query: spec.query,
        body: spec.body,
        async send(cookie, override = {}) {
          const params = (override.params ?? spec.params) as P;
          const path = def.path.replace(/\[(\w+)\]/g, (_, k: string) => encodeURIComponent(params[k] ?? ""));
          const query = override.query ?? spec.query;
          const url = query ? `${path}?${new URLSearchParams(query).toString()}` : path;
          const body = "body" in override ? override.body : spec.body;
          const raw = override.raw ?? ("body" in override ? undefined : spec.raw);
          const req = raw
            ? apiRequest(def.method, url, {
                cookie,
                headers: { ...spec.headers, "content-type": raw.contentType },
                rawBody: raw.body,
              })
            : apiRequest(def.method, url, { cookie, body, headers: spec.headers });
          const handler = await def.handler();
          return handler(req, { params: Promise.resolve(params) });
        },
      };
    },
  };
}

/** A unique e-mail address for fixtures. */
export function uniqueEmail(prefix = "authz"): string {
  return `${prefix}-${randomBytes(5).toString("hex")}@authz.test`;
}

/** Creates a fresh user for `identity` (null for anonymous) with a session cookie. */
export async function createIdentity(db: PrismaClient, identity: IdentityName): Promise<TestIdentity | null> {
  if (identity === "anonymous") return null;
  const roles = ROLES_OF[identity];
  const email = uniqueEmail(identity);
  const user = await db.user.create({ data: { email, name: identity, roles }, select: { id: true } });
  return { id: user.id, email, roles, cookie: await sessionCookie({ id: user.id, roles, email, name: identity }) };
}

/** Runs one matrix cell; returns the status and the body text (for failure messages). */
export async function runCase(
  db: PrismaClient,
  endpoint: AuthzEndpoint,
  identity: IdentityName,
): Promise<{ status: number; body: string }> {
  const user = await createIdentity(db, identity);
  const res = await endpoint.call({ db, identity, user }, user?.cookie ?? null);
  return { status: res.status, body: await res.text() };
}
