import { expect, test } from "@playwright/test";

test("home page lists the seeded real course", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Learn from independent providers");
  const card = page.getByTestId("course-card").filter({ hasText: "Version Control with Git" }).first();
  await expect(card).toBeVisible();
  // One price (the course page's primary currency), the others named, not a row of four prices.
  await expect(card.getByTestId("card-price").locator(".price")).toHaveText("€19.99");
  await expect(card.getByTestId("card-also-payable")).toHaveText("Also payable in USD, POL, and ESN");
  await expect(card).not.toContainText("$21.99");
});

test("seeded course page shows its curriculum and prices", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("link", { name: "Version Control with Git" }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Version Control with Git");
  // Sections are <details>: the first one open, the others' lessons in the page but collapsed.
  const curriculum = page.getByTestId("curriculum");
  await expect(curriculum).toContainText("Automated Version Control");
  await expect(curriculum).toContainText("Setting Up Git");
  // One primary price; the other currencies under "Also payable in".
  await expect(page.getByTestId("primary-price")).toHaveText("€19.99");
  await expect(page.getByTestId("also-payable")).toContainText("25 ESN");
});

test("health endpoint reports every dependency", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body).toMatchObject({
    status: "ok",
    chain: { chainId: 31337 },
    database: { ok: true },
    storage: { ok: true },
  });
});

test("seeded courses show their openly licensed 16:9 covers with alt text and a blurred placeholder", async ({
  page,
}) => {
  await page.goto("/courses");
  const git = page.getByTestId("course-card").filter({ hasText: "Version Control with Git" }).first();
  const cover = git.getByRole("img", { name: /staging area/ });
  await expect(cover).toHaveAttribute("srcset", /\/_next\/image\?url=%2Fapi%2Fmedia%2F\w+&w=\d+/);
  await expect.poll(() => cover.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBeGreaterThan(0);
  await page.goto("/courses/solidity-by-example");
  const hero = page.getByRole("img", { name: /red flower bud/ });
  await expect(hero).toBeVisible();
  // The placeholder is painted from the stored 32×18 WebP until the image has loaded (next/image inlines it).
  const html = await (await page.request.get("/courses/solidity-by-example")).text();
  expect(html).toContain("UklGR"); // base64 of "RIFF": the WebP placeholder bytes inlined in the page
});
