import { expect, test } from "@playwright/test";

/** Sum of `http_request_duration_seconds_count` samples of one route pattern in a metrics text. */
const countFor = (text: string, route: string) =>
  [...text.matchAll(/^http_request_duration_seconds_count\{([^}]*)\} (\d+)$/gm)]
    .filter((m) => m[1]!.includes(`route="${route}"`))
    .reduce((n, m) => n + Number(m[2]), 0);

test("pages a visitor opens show up in /api/metrics by route pattern, behind the bearer token", async ({
  page,
  request,
}) => {
  const token = process.env.E2E_METRICS_TOKEN!;
  expect((await request.get("/api/metrics")).status()).toBe(401);
  const before = await (await request.get("/api/metrics", { headers: { authorization: `Bearer ${token}` } })).text();

  await page.goto("/");
  await page.getByRole("link", { name: "Version Control with Git" }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Version Control with Git");

  const res = await request.get("/api/metrics", { headers: { authorization: `Bearer ${token}` } });
  expect(res.status()).toBe(200);
  const text = await res.text();
  const route = [...text.matchAll(/route="(\/courses\/\[[^\]]+\])"/g)][0]?.[1];
  expect(route, "a /courses/[…] route pattern, not raw paths").toBeTruthy();
  expect(countFor(text, route!)).toBeGreaterThan(countFor(before, route!));
  expect(text).not.toMatch(/route="\/courses\/git-novice/);
  expect(text).toMatch(/^smolitux_indexer_lag_blocks\{chain_id="31337"\} \d+$/m);
  expect(text).toMatch(/^smolitux_outbox_queue_depth\{signer="0x[0-9a-fA-F]{40}",status="CONFIRMED"\} [1-9]\d*$/m);
});
