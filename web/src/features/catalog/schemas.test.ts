import { describe, expect, it } from "vitest";
import { catalogQueryString, majorToUnits, parseBrowseQuery, parseCatalogQuery } from "./schemas";

describe("parseCatalogQuery", () => {
  it("defaults to newest, page 1, and to relevance when searching", () => {
    expect(parseCatalogQuery({}).query).toEqual(expect.objectContaining({ sort: "newest", page: 1 }));
    expect(parseCatalogQuery({ q: " git " }).query).toEqual(expect.objectContaining({ q: "git", sort: "relevance" }));
    expect(parseCatalogQuery({ sort: "relevance" }).query.sort).toBe("newest");
  });

  it("normalizes case and ignores empty values", () => {
    const { query, invalid } = parseCatalogQuery({
      level: "advanced",
      currency: "esn",
      language: "DE",
      q: "",
      free: "1",
    });
    expect(invalid).toEqual({});
    expect(query).toMatchObject({ level: "ADVANCED", currency: "ESN", language: "de", free: true });
    expect(query.q).toBeUndefined();
  });

  it("accepts the former code MATIC for POL (Polygon renamed its coin in 2024)", () => {
    expect(parseCatalogQuery({ currency: "matic" }).query.currency).toBe("POL");
    expect(parseCatalogQuery({ currency: "POL" }).query.currency).toBe("POL");
  });

  it("reports and drops each bad value", () => {
    const { query, invalid } = parseCatalogQuery({
      level: "guru",
      page: "0",
      minPrice: "1.5",
      sort: "cheap",
      currency: "BTC",
    });
    expect(Object.keys(invalid).sort()).toEqual(["currency", "level", "minPrice", "page", "sort"]);
    expect(query).toMatchObject({ sort: "newest", page: 1 });
    expect(query.level).toBeUndefined();
  });

  it("needs a currency for a price range and min <= max", () => {
    expect(parseCatalogQuery({ minPrice: "100" }).invalid).toEqual({ minPrice: "needs a currency" });
    const r = parseCatalogQuery({ currency: "EUR", minPrice: "500", maxPrice: "100" });
    expect(r.invalid).toHaveProperty("maxPrice");
    expect(r.query.minPrice).toBeUndefined();
    expect(parseCatalogQuery({ currency: "ESN", maxPrice: "25000000000000000000" }).query.maxPrice).toBe(
      25n * 10n ** 18n,
    );
  });

  it("round-trips through the query string", () => {
    const { query } = parseCatalogQuery({
      q: "git",
      level: "beginner",
      currency: "EUR",
      minPrice: "100",
      page: "2",
      sort: "rating",
    });
    const again = parseCatalogQuery(Object.fromEntries(new URLSearchParams(catalogQueryString(query)))).query;
    expect(again).toEqual(query);
    expect(catalogQueryString(query, { page: 1 })).not.toContain("page=");
  });
});

describe("majorToUnits", () => {
  it("converts human prices to cents and wei", () => {
    expect(majorToUnits("19.99", "EUR")).toBe(1999n);
    expect(majorToUnits("19,9", "USD")).toBe(1990n);
    expect(majorToUnits("25", "ESN")).toBe(25n * 10n ** 18n);
    expect(majorToUnits("0.5", "POL")).toBe(5n * 10n ** 17n);
  });
  it("rejects too many decimals and non-numbers", () => {
    expect(majorToUnits("1.999", "EUR")).toBeNull();
    expect(majorToUnits("-1", "EUR")).toBeNull();
    expect(majorToUnits("1e3", "EUR")).toBeNull();
  });
});

describe("parseBrowseQuery", () => {
  it("reads min/max as human prices in the chosen currency", () => {
    const { query, invalid } = parseBrowseQuery({ currency: "EUR", min: "10", max: "19.99" });
    expect(invalid).toEqual({});
    expect(query).toMatchObject({ minPrice: 1000n, maxPrice: 1999n });
  });
  it("ignores a human price without currency or with too many decimals", () => {
    expect(parseBrowseQuery({ min: "10" }).invalid).toEqual({ min: "needs a currency" });
    const r = parseBrowseQuery({ currency: "USD", max: "1.001" });
    expect(r.invalid).toHaveProperty("max");
    expect(r.query.maxPrice).toBeUndefined();
  });
});
