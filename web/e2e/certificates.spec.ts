/**
 * Certificates end to end (issue 6, issue 14 item 5): a learner enrolled by access code completes the imported
 * git-novice course — text lessons opened and marked done through the player's API, the three quiz lessons in
 * the UI with the real Carpentries answers — the last quiz's "Get your certificate" opens this course's certificate
 * page at the name choice, like the completion moment's — sees the completion moment with "Get your certificate", gets a
 * CLAIMABLE certificate, links a wallet (SIWE proof) — nothing is minted before they chose the name — chooses
 * the name on /certificates, and receives the soulbound NFT on the local chain. The certificate page offers
 * the PDF, the credential JSON, the share link, "Add to LinkedIn" (filled) and a QR code of the public page;
 * the dashboard lists it. On chain: its tokenURI resolves through
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
  // The last quiz completed the course: its "Get your certificate" leads where the completion moment's does — this
  // course's certificate page, which asks for the name first (not the list of certificates).
  const quizLink = page.getByTestId("quiz-get-certificate");
  await expect(quizLink).toHaveText("Get your certificate");
  const recorded = await until("the certificate record", async () => (await myCertificates(page)).certificates[0]);
  await quizLink.click();
  await expect(page).toHaveURL(new RegExp(`/certificates/${recorded.id}$`));
  await expect(page.getByTestId("name-choice")).toContainText("which name should it show?");
  await expect(page.getByTestId("holder")).toHaveText("Certificate holder");
  await page.goBack();
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Review: the Git basics");
  const moment = page.getByTestId("completion-moment");
  await expect(moment).toContainText("Course completed!");
  await expect(moment).toContainText("Version Control with Git");

  // Completed: one certificate, CLAIMABLE (no wallet yet).
  const claimable = await until("a claimable certificate", async () => {
    const c = (await myCertificates(page)).certificates[0];
    return c?.status === "CLAIMABLE" ? c : null;
  });

  // Link a wallet (SIWE proof) first: the certificate still waits for the learner's name choice.
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
  await page.waitForTimeout(3_000); // many worker passes (500 ms each)
  expect((await myCertificates(page)).certificates[0]?.status).toBe("CLAIMABLE");

  // "Get your certificate" → the certificate page asks for the name before anything is minted.
  await moment.getByRole("link", { name: "Get your certificate" }).click();
  await expect(page).toHaveURL(new RegExp(`/certificates/${claimable.id}$`));
  await expect(page.getByTestId("holder")).toHaveText("Certificate holder");
  const choice = page.getByTestId("name-choice");
  await expect(choice).toContainText("which name should it show?");
  await choice.getByLabel("Name as it should appear").fill("");
  await choice.getByRole("button", { name: "Get your certificate" }).click();
  await expect(choice.getByRole("alert")).toContainText("Enter the name to print");
  await choice.getByLabel("Name as it should appear").fill("Grace B. Learner");
  await choice.getByRole("button", { name: "Get your certificate" }).click();
  await expect(page.getByTestId("name-choice")).toHaveCount(0); // chosen: the page no longer asks
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
  expect(metadata.attributes).toContainEqual({ trait_type: "Holder", value: "Grace B. Learner" });
  const image = await page.request.get(`/api/metadata/${metadata.image.slice("ipfs://".length)}`);
  expect(image.headers()["content-type"]).toBe("image/svg+xml");

  // The certificate page: name, status, share link, LinkedIn (filled), QR code of the public page.
  await page.goto("/certificates");
  await expect(page.getByTestId("certificate-list")).toContainText("Version Control with Git");
  await page.getByTestId("certificate-list").getByRole("link", { name: "Version Control with Git" }).click();
  await expect(page.getByTestId("holder")).toHaveText("Grace B. Learner");
  await expect(page.getByTestId("certificate-status")).toHaveAttribute("data-status", "ISSUED");
  const publicUrl = `${origin.origin}/verify/${issued.id}`;
  await expect(page.getByTestId("share-link")).toContainText(publicUrl);
  const linkedIn = new URL((await page.getByTestId("linkedin").getAttribute("href"))!);
  expect(linkedIn.origin + linkedIn.pathname).toBe("https://www.linkedin.com/profile/add");
  const now = new Date();
  expect(Object.fromEntries(linkedIn.searchParams)).toEqual({
    startTask: "CERTIFICATION_NAME",
    name: "Version Control with Git",
    organizationName: "Smolitux Academy",
    issueYear: String(now.getUTCFullYear()),
    issueMonth: String(now.getUTCMonth() + 1),
    certUrl: publicUrl,
    certId: issued.id,
  });
  const qr = page.getByTestId("certificate-qr");
  await expect(qr).toHaveAttribute("src", /^data:image\/svg\+xml;base64,/);
  await expect.poll(() => qr.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBeGreaterThan(0);
  // The worker renders the PDF (202 "pending" until it is stored).
  const pdfHref = (await page.getByRole("link", { name: "Download PDF" }).getAttribute("href")) ?? "";
  await expect.poll(async () => (await page.request.get(pdfHref)).status(), { timeout: 30_000 }).toBe(200);
  const pdfFromPage = await page.request.get(pdfHref);
  expect(pdfFromPage.headers()["content-type"]).toBe("application/pdf");
  // The dashboard lists it with a link to the page.
  await page.goto("/dashboard");
  await expect(page.getByTestId("dashboard-certificates")).toContainText("Version Control with Git");
  await page.getByTestId("dashboard-certificates").getByRole("link", { name: "Version Control with Git" }).click();
  await expect(page).toHaveURL(new RegExp(`/certificates/${issued.id}$`));

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
