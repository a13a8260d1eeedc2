/**
 * Certificates end to end (issue 6): a learner enrolled by access code completes the imported git-novice
 * course — text lessons opened and marked done through the player's API, the three quiz lessons in the UI with
 * the real Carpentries answers — gets a CLAIMABLE certificate, opts in to showing their name, links a
 * wallet (SIWE proof) and receives the soulbound NFT on the local chain: its tokenURI resolves through
 * the app's /api/metadata/<cid> gateway, `locked` is true. They download the PDF and the credential JSON (which
 * verifies as VALID when pasted), the public page shows VALID; after the course provider revokes it (API) the page and a pasted credential show INVALID.
 *
 * The seeded provider has no password, so its API calls carry a session token encrypted with the stack's
 * own secret (`.data/e2e/nextauth-secret`), as e2e/learning.spec.ts does.
 */
import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { createPublicClient, http, type Address } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { hardhat } from "viem/chains";
import { createSiweMessage } from "viem/siwe";
import { deployedContracts } from "@smolitux/contracts";
import { providerApi } from "./fixtures/stack";

const CHAIN_PORT = Number(process.env.E2E_CHAIN_PORT ?? 8645);

/**
 * The correct options (0-based, in the order the player shows them) of the git-novice quizzes, from the
 * lesson's MCQ solutions (episodes/04-changes.md, 05-history.md) and our review quiz (smolitux/review.quiz.yaml).
 */
const ANSWERS: Record<string, { question: string; correct: number[] }[]> = {
  "Tracking Changes: Quiz": [
    { question: "Choosing a Commit Message", correct: [2] },
    { question: "Committing Changes to Git", correct: [2] },
  ],
  "Exploring History: Quiz": [
    { question: "Recovering Older Versions of a File", correct: [4] },
    { question: "Understanding Workflow and History", correct: [1] },
  ],
  "Review: the Git basics": [
    { question: "Which command puts changes into the staging area?", correct: [0] },
    { question: "Which of these are true about", correct: [0, 1] },
    { question: "What does a .gitignore file do?", correct: [0] },
    { question: "When do conflicts occur?", correct: [0] },
  ],
};

async function until<T>(what: string, fn: () => Promise<T | null | undefined | false>, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

interface Mine {
  showName: boolean;
  certificates: { id: string; status: string; tokenId: string | null; metadataCid: string | null }[];
}
const myCertificates = async (page: Page) => (await (await page.request.get("/api/certificates")).json()) as Mine;

test("completing git-novice issues a certificate: claim by wallet, NFT, PDF, valid → revoked invalid", async ({
  page,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const { api: provider, courseId } = await providerApi(baseURL!, "git-novice");
  const codeRes = await provider.post("/api/access-codes", { data: { courseId, count: 1 } });
  expect(codeRes.status(), await codeRes.text()).toBe(201);
  const code = ((await codeRes.json()) as { codes: { id: string; code: string }[] }).codes[0]!.code;

  // Sign up and redeem the access code.
  await page.goto("/signup");
  await page.getByLabel("Display name").fill("Grace Learner");
  await page.getByLabel("E-mail").fill(`cert-${Date.now()}@example.org`);
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.locator("header").getByTestId("user-menu-name")).toHaveText("Grace Learner", { timeout: 20_000 });
  await page.goto("/redeem");
  await page.getByRole("textbox", { name: "Access code" }).fill(code);
  await page.getByRole("button", { name: "Redeem" }).click();
  await expect(page.getByText("You are enrolled in Version Control with Git.")).toBeVisible();

  // The curriculum, from the player API.
  await page.goto("/learn/git-novice");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome to the course");
  const firstId = page.url().split("/").pop()!;
  const player = await (await page.request.get(`/api/learning/lessons/${firstId}`)).json();
  const lessons = (
    player as { sections: { lessons: { id: string; title: string; kind: string; required: boolean }[] }[] }
  ).sections.flatMap((s) => s.lessons);
  expect(lessons.filter((l) => l.kind === "QUIZ").map((l) => l.title)).toEqual(Object.keys(ANSWERS));

  // Required non-quiz lessons (text and flashcards): opened, then "mark as done" (the player's API).
  for (const l of lessons.filter((x) => x.required && x.kind !== "QUIZ")) {
    expect(l.kind, "git-novice has no required video").not.toBe("VIDEO");
    expect((await page.request.get(`/api/learning/lessons/${l.id}`)).status(), l.title).toBe(200);
    const res = await page.request.post(`/api/learning/lessons/${l.id}/complete`);
    expect(res.status(), l.title).toBe(200);
  }
  expect((await myCertificates(page)).certificates).toHaveLength(0);

  // The quizzes, answered in the player.
  for (const quiz of lessons.filter((x) => x.kind === "QUIZ")) {
    await page.goto(`/learn/git-novice/${quiz.id}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(quiz.title);
    for (const q of ANSWERS[quiz.title]!) {
      const fieldset = page.locator("fieldset").filter({ hasText: q.question });
      const inputs = fieldset.locator("input[type=radio], input[type=checkbox]");
      for (const i of q.correct) await inputs.nth(i).check();
    }
    await page.getByRole("button", { name: "Submit answers" }).click();
    await expect(page.getByText("Passed", { exact: true })).toBeVisible();
  }

  // Completed: one certificate, CLAIMABLE (no wallet yet). Opt in to the name before it is minted.
  const claimable = await until("a claimable certificate", async () => {
    const c = (await myCertificates(page)).certificates[0];
    return c?.status === "CLAIMABLE" ? c : null;
  });
  await page.goto("/verify");
  await expect(page.getByTestId("my-certificates")).toContainText("Version Control with Git");
  await page.getByLabel("Show my name on certificates that are not minted yet").check();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();

  // Link a wallet (SIWE proof) → the worker mints to it.
  const wallet = privateKeyToAccount(generatePrivateKey());
  const { nonce } = (await (await page.request.post("/api/auth/siwe/nonce")).json()) as { nonce: string };
  const origin = new URL(baseURL!);
  const message = createSiweMessage({
    address: wallet.address,
    chainId: 31337,
    domain: origin.host,
    nonce,
    uri: origin.origin,
    version: "1",
    issuedAt: new Date(),
  });
  const link = await page.request.post("/api/auth/wallets", {
    data: { message, signature: await wallet.signMessage({ message }) },
  });
  expect(link.status(), await link.text()).toBe(201);
  const issued = await until("the NFT to be minted and indexed", async () => {
    const c = (await myCertificates(page)).certificates.find((x) => x.id === claimable.id);
    return c?.status === "ISSUED" ? c : null;
  });

  // On-chain: owner, soulbound, tokenURI → metadata through the app's gateway route.
  const client = createPublicClient({ chain: hardhat, transport: http(`http://127.0.0.1:${CHAIN_PORT}`) });
  const cert = deployedContracts[31337].CourseCertificate;
  const tokenId = BigInt(issued.tokenId!);
  const read = (functionName: "ownerOf" | "locked" | "tokenURI") =>
    client.readContract({ address: cert.address as Address, abi: cert.abi, functionName, args: [tokenId] });
  expect(await read("ownerOf")).toBe(wallet.address);
  expect(await read("locked")).toBe(true);
  const uri = String(await read("tokenURI"));
  expect(uri).toBe(`ipfs://${issued.metadataCid}`);
  const metadata = (await (await page.request.get(`/api/metadata/${uri.slice("ipfs://".length)}`)).json()) as {
    name: string;
    image: string;
    attributes: { trait_type: string; value: string }[];
  };
  expect(metadata.name).toBe("Certificate: Version Control with Git");
  expect(metadata.attributes).toContainEqual({ trait_type: "Holder", value: "Grace Learner" });
  const image = await page.request.get(`/api/metadata/${metadata.image.slice("ipfs://".length)}`);
  expect(image.headers()["content-type"]).toBe("image/svg+xml");

  // The public page: VALID; the owner downloads the PDF.
  await page.goto(`/verify/${issued.id}`);
  await expect(page.getByTestId("verdict")).toHaveAttribute("data-valid", "true");
  await expect(page.getByTestId("verdict")).toContainText("VALID");
  await expect(page.getByTestId("course")).toHaveText("Version Control with Git");
  await expect(page.getByTestId("token")).toContainText(wallet.address);
  await expect(page.getByTestId("credential")).toHaveAttribute("data-valid", "true");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download PDF" }).click(),
  ]);
  const pdf = await readFile((await download.path())!);
  expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  expect(pdf.length).toBeGreaterThan(2_000);
  // The owner downloads the signed credential JSON from the certificate page; pasted, it verifies as ours.
  const [credentialDownload] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download credential (JSON)" }).click(),
  ]);
  const credential: unknown = JSON.parse(await readFile((await credentialDownload.path())!, "utf8"));
  await page.goto("/verify");
  await page.getByLabel("Credential JSON").fill(JSON.stringify(credential));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByTestId("paste-verdict")).toHaveAttribute("data-verdict", "VALID");
  await expect(page.getByTestId("paste-verdict")).toContainText("issued by this platform");

  // Revocation by the course provider → outbox → CertificateRevoked → INVALID with the reason.
  const revoke = await provider.post(`/api/certificates/${issued.id}/revoke`, {
    data: { reason: "Quiz answers were shared" },
  });
  expect(revoke.status(), await revoke.text()).toBe(202);
  await until("the revocation to be final", async () => {
    const v = (await (await page.request.get(`/api/certificates/${issued.id}/verify`)).json()) as { status: string };
    return v.status === "REVOKED";
  });
  await page.goto(`/verify/${issued.id}`);
  await expect(page.getByTestId("verdict")).toHaveAttribute("data-valid", "false");
  await expect(page.getByTestId("verdict")).toContainText("INVALID");
  await expect(page.getByTestId("verdict")).toContainText("reason: Quiz answers were shared");

  // The pasted credential: signature still verifies, but the certificate is revoked → INVALID.
  await page.goto("/verify");
  await page.getByLabel("Credential JSON").fill(JSON.stringify(credential));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByTestId("paste-verdict")).toHaveAttribute("data-verdict", "INVALID");
  await expect(page.getByTestId("paste-verdict")).toContainText("The certificate was revoked.");
  await expect(page.getByTestId("paste-verdict")).not.toContainText("issued by this platform");
  await provider.dispose();
});
