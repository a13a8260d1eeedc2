import { describe, expect, it } from "vitest";
import { codeText, type CodeTranslator } from "./code-text";

/** A translator over a flat catalog; ICU `{name}` arguments are filled in. */
function translator(catalog: Record<string, string>): CodeTranslator {
  const t = (key: string, values?: Record<string, string | number>) => {
    const text = catalog[key];
    if (text === undefined) throw new Error(`missing message ${key}`);
    return text.replace(/\{(\w+)\}/g, (_, name: string) => String(values?.[name] ?? `{${name}}`));
  };
  return Object.assign(t, { has: (key: string) => key in catalog });
}

describe("codeText", () => {
  const t = translator({
    "errors.generic": "Sign-in failed with {provider}.",
    "errors.account_deactivated": "This account is deactivated.",
    "errors.OAuthSignin": "{provider} did not answer.",
    too_long: "Too long.",
    invalid: "Invalid.",
  });

  it("says a known code under its prefix, with the ICU values filled in", () => {
    expect(codeText(t, "errors.", "OAuthSignin", "generic", { provider: "Google" })).toBe("Google did not answer.");
    expect(codeText(t, "errors.", "account_deactivated", "generic")).toBe("This account is deactivated.");
    expect(codeText(t, "", "too_long", "invalid")).toBe("Too long.");
  });

  it("gives the fallback's message (with the same values) for an unknown, empty or missing code", () => {
    expect(codeText(t, "errors.", "no_such_code", "generic", { provider: "Google" })).toBe(
      "Sign-in failed with Google.",
    );
    expect(codeText(t, "", "", "invalid")).toBe("Invalid.");
    expect(codeText(t, "", null, "invalid")).toBe("Invalid.");
    expect(codeText(t, "", undefined, "invalid")).toBe("Invalid.");
  });

  it("never shows a text that is no code, such as a server's English sentence", () => {
    expect(codeText(t, "", "Title must be at most 120 characters", "invalid")).toBe("Invalid.");
  });
});
