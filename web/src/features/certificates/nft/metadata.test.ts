import { readFileSync } from "node:fs";
import path from "node:path";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { renderBadgeSvg, wrap, xmlEscape } from "./badge-svg.ts";
import { buildMetadata, metadataProblems, serializeMetadata } from "./metadata.ts";

const FIXTURES = path.resolve(import.meta.dirname, "../../../../test/fixtures/nft-metadata");
const fixtureSchema: unknown = JSON.parse(readFileSync(path.join(FIXTURES, "erc721-metadata.schema.json"), "utf8"));
const validate = new Ajv({ strict: false }).compile(fixtureSchema as object);

const base = {
  courseTitle: "Version Control with Git",
  issuerName: "Smolitux Academy",
  completedAt: new Date("2026-11-22T10:11:12Z"),
  imageCid: "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku",
  verifyUrl: "http://localhost:3000/verify/cert123",
};

describe("certificate metadata", () => {
  it("validates against the ERC-721 metadata JSON schema (fixture copy) and our shape", () => {
    const m = buildMetadata(base);
    expect(validate(m)).toBe(true);
    expect(metadataProblems(m)).toEqual([]);
    const parsed: unknown = JSON.parse(new TextDecoder().decode(serializeMetadata(m)));
    expect(validate(parsed)).toBe(true);
    expect(parsed).toMatchObject({
      name: "Certificate: Version Control with Git",
      image: `ipfs://${base.imageCid}`,
      attributes: [
        { trait_type: "Course", value: base.courseTitle },
        { trait_type: "Issuer", value: "Smolitux Academy" },
        { trait_type: "Date", value: "2026-11-22" },
      ],
    });
  });

  it("the runtime schema is the unmodified fixture", () => {
    expect(readFileSync(path.join(import.meta.dirname, "erc721-metadata.schema.json"), "utf8")).toBe(
      readFileSync(path.join(FIXTURES, "erc721-metadata.schema.json"), "utf8"),
    );
  });

  it("reports schema violations", () => {
    const bad = { name: 42, description: "d", image: "https://x/y.png", external_url: "nope", attributes: [] };
    expect(validate(bad)).toBe(false);
    const problems = metadataProblems(bad);
    expect(problems.some((p) => p.startsWith("erc721 schema: /name"))).toBe(true);
    expect(problems.some((p) => p.startsWith("image"))).toBe(true);
  });

  it("contains no personal data unless the learner opted in", () => {
    const anonymous = new TextDecoder().decode(serializeMetadata(buildMetadata({ ...base, displayName: null })));
    const svg = new TextDecoder().decode(
      renderBadgeSvg({ courseTitle: base.courseTitle, issuerName: "Smolitux Academy", date: "2026-11-22" }),
    );
    for (const text of [anonymous, svg]) {
      expect(text).not.toContain("Ada Lovelace");
      expect(text).not.toMatch(/Holder/);
    }
    const named = buildMetadata({ ...base, displayName: "Ada Lovelace" });
    expect(named.attributes).toContainEqual({ trait_type: "Holder", value: "Ada Lovelace" });
    expect(validate(named)).toBe(true);
  });

  it("serializes deterministically", () => {
    expect(serializeMetadata(buildMetadata(base))).toEqual(serializeMetadata(buildMetadata({ ...base })));
  });
});

describe("badge SVG", () => {
  it("escapes markup in course titles and wraps long titles", () => {
    const svg = new TextDecoder().decode(
      renderBadgeSvg({ courseTitle: `<script>alert("x")</script> & more`, issuerName: "I", date: "2026-01-01" }),
    );
    expect(svg).not.toContain("<script>");
    expect(svg).toContain("&lt;script&gt;");
    expect(xmlEscape(`a&"'<>`)).toBe("a&amp;&quot;&apos;&lt;&gt;");
    const lines = wrap("one two three four five six seven eight nine ten eleven twelve", 10, 3);
    expect(lines).toHaveLength(3);
    expect(lines[2]!.endsWith("…")).toBe(true);
  });
});
