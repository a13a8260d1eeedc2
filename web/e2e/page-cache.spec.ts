/**
 * Anonymous page cache (issue 14 item 13, server/page-cache.ts): the home page, the catalog and course pages
 * are rendered once per locale for visitors who are not signed in, yet every response carries its own CSP
 * nonce (header and scripts agree; the page hydrates under the CSP), German visitors get the German page,
 * and a studio edit shows on the anonymous course page at once (the write expires the cache).
 */
import { expect, test } from "./fixtures/csp";
import { providerApi } from "./fixtures/stack";

const nonceOf = (csp: string | undefined) => /'nonce-([^']+)'/.exec(csp ?? "")?.[1];

test("cached anonymous pages get a fresh nonce per response, hydrate, and follow locale and studio edits", async ({
  page,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const nonces = new Set<string>();
  for (let i = 0; i < 3; i++) {
    // a document request, as a browser sends it (the cache serves documents, not RSC fetches)
    const res = await page.request.get("/courses", { headers: { accept: "text/html,*/*;q=0.8" } });
    expect(res.status()).toBe(200);
    const nonce = nonceOf(res.headers()["content-security-policy"]);
    expect(nonce, "CSP nonce").toBeTruthy();
    const html = await res.text();
    // every script of the page carries this response's nonce, and only this one
    const scriptNonces = [...html.matchAll(/<script[^>]*\snonce="([^"]+)"/g)].map((m) => m[1]);
    expect(scriptNonces.length).toBeGreaterThan(0);
    expect(new Set(scriptNonces)).toEqual(new Set([nonce]));
    nonces.add(nonce!);
  }
  expect(nonces.size, "a fresh nonce per response").toBe(3);

  // The cached page hydrates under its CSP: the language switcher (a client component) works.
  await page.goto("/courses");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.getByRole("combobox", { name: "Language" }).selectOption("de");
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  await page.getByRole("combobox", { name: "Sprache" }).selectOption("en");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");

  // A studio edit (setup through the API) shows on the anonymous course page immediately.
  const { api, courseId } = await providerApi(baseURL!, "git-novice");
  try {
    await page.goto("/courses/git-novice");
    const got = await api.get(`/api/studio/courses/${courseId}`);
    expect(got.status()).toBe(200);
    const { course } = (await got.json()) as { course: Record<string, unknown> & { subtitle: string } };
    const marker = `Subtitle edited at ${Date.now()}`;
    const put = await api.put(`/api/studio/courses/${courseId}`, { data: { ...course, subtitle: marker } });
    expect(put.status(), await put.text()).toBe(200);
    try {
      await page.goto("/courses/git-novice");
      await expect(page.getByText(marker)).toBeVisible();
    } finally {
      const restore = await api.put(`/api/studio/courses/${courseId}`, { data: course });
      expect(restore.status(), await restore.text()).toBe(200);
    }
    await page.goto("/courses/git-novice");
    await expect(page.getByText(marker)).toHaveCount(0);
  } finally {
    await api.dispose();
  }
});
