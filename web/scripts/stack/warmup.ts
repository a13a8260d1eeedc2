/**
 * Production start: before the stack says "ready", every page route is requested once on the server, so
 * that a person's FIRST visit of any page is served by a warm server (route modules loaded, database
 * pool and message catalogues ready) — measured by `bench:pages`.
 */
import pg from "pg";

/** Page paths to warm: the static routes plus the published courses' pages (up to `maxCourses`). */
export async function warmPaths(databaseUrl: string, maxCourses = 5): Promise<string[]> {
  const paths = ["/", "/courses", "/signin", "/signup", "/verify", "/redeem", "/dashboard", "/account"];
  paths.push("/earnings", "/studio", "/studio/new", "/admin", "/checkout/success", "/checkout/cancel");
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const rows = await client.query<{ slug: string }>(
      `SELECT "slug" FROM "Course" WHERE "status" = 'PUBLISHED' ORDER BY "createdAt" LIMIT $1`,
      [maxCourses],
    );
    for (const { slug } of rows.rows) {
      const s = encodeURIComponent(slug);
      // course page, the player's entry and a lesson route (anonymous: redirects, but loads the route code)
      paths.push(`/courses/${s}`, `/learn/${s}`, `/learn/${s}/warm-up`);
    }
    if (rows.rows[0]) paths.push(`/courses?q=${encodeURIComponent(rows.rows[0].slug.split("-")[0] ?? "")}`);
  } finally {
    await client.end();
  }
  return paths;
}

/**
 * Requests each path once (two at a time; redirects are not followed, errors are ignored — warming
 * must never fail a start). @returns milliseconds spent
 */
export async function warmUp(baseUrl: string, paths: string[]): Promise<number> {
  const t0 = Date.now();
  const queue = [...paths];
  const worker = async () => {
    for (let p = queue.shift(); p !== undefined; p = queue.shift()) {
      await fetch(baseUrl + p, { redirect: "manual", signal: AbortSignal.timeout(60_000) })
        .then((r) => r.arrayBuffer())
        .catch(() => undefined);
    }
  };
  await Promise.all([worker(), worker()]);
  return Date.now() - t0;
}
