/**
 * Reads the arguments of an ICU MessageFormat message (the syntax next-intl uses), for the catalogue completeness
 * check: every translation must use the same arguments as the English message.
 *
 * Follows ICU's apostrophe rule (ApostropheMode.DOUBLE_OPTIONAL): `'` starts quoted literal text only when followed by
 * `{`, `}` (or `#` inside a plural), and `''` is one apostrophe.
 */

/** One argument: `name` plus its type (`plain` for `{name}`), and the option keys of `select` arguments. */
export interface IcuArgument {
  name: string;
  type: string;
  /** sorted option keys, only for `select` (plural keys legitimately differ between languages) */
  selectKeys?: string[];
  /** whether a plural/selectordinal has the mandatory `other` option */
  hasOther?: boolean;
}

/**
 * Lists every argument of `message`, nested ones (inside plural/select options) included, sorted and de-duplicated.
 * @throws Error when the braces are unbalanced or an argument is malformed
 */
export function icuArguments(message: string): IcuArgument[] {
  const found = new Map<string, IcuArgument>();
  let i = 0;

  function parseMessage(inPlural: boolean, nested: boolean): void {
    while (i < message.length) {
      const c = message[i];
      if (c === "'") {
        const next = message[i + 1];
        if (next === "'") {
          i += 2;
        } else if (next === "{" || next === "}" || (inPlural && next === "#")) {
          const end = message.indexOf("'", i + 1);
          i = end === -1 ? message.length : end + 1;
        } else {
          i += 1;
        }
      } else if (c === "{") {
        i += 1;
        parseArgument();
      } else if (c === "}") {
        if (!nested) throw new Error(`unbalanced '}' at ${i} in: ${message}`);
        return;
      } else {
        i += 1;
      }
    }
    if (nested) throw new Error(`unclosed option in: ${message}`);
  }

  function readToken(): string {
    while (/\s/.test(message[i] ?? "")) i += 1;
    const start = i;
    while (i < message.length && !/[\s,{}]/.test(message[i]!)) i += 1;
    const token = message.slice(start, i);
    while (/\s/.test(message[i] ?? "")) i += 1;
    return token;
  }

  function parseArgument(): void {
    const name = readToken();
    if (!name) throw new Error(`empty argument in: ${message}`);
    if (message[i] === "}") {
      i += 1;
      add({ name, type: "plain" });
      return;
    }
    if (message[i] !== ",") throw new Error(`malformed argument '${name}' in: ${message}`);
    i += 1;
    const type = readToken();
    if (type === "plural" || type === "select" || type === "selectordinal") {
      if (message[i] !== ",") throw new Error(`${type} '${name}' has no options in: ${message}`);
      i += 1;
      const keys: string[] = [];
      for (;;) {
        const key = readToken();
        if (message[i] === "}" && !key) {
          i += 1;
          break;
        }
        if (key.startsWith("offset:")) continue;
        if (message[i] !== "{") throw new Error(`option '${key}' of '${name}' has no message in: ${message}`);
        i += 1;
        keys.push(key);
        parseMessage(type !== "select", true);
        i += 1; // the option's closing brace
      }
      add(
        type === "select" ? { name, type, selectKeys: keys.sort() } : { name, type, hasOther: keys.includes("other") },
      );
      return;
    }
    // number, date, time with an optional style: skip to the argument's closing brace
    let depth = 1;
    while (i < message.length && depth > 0) {
      if (message[i] === "{") depth += 1;
      if (message[i] === "}") depth -= 1;
      i += 1;
    }
    if (depth !== 0) throw new Error(`unclosed argument '${name}' in: ${message}`);
    add({ name, type });
  }

  function add(arg: IcuArgument): void {
    found.set(JSON.stringify(arg), arg);
  }

  parseMessage(false, false);
  return [...found.values()].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}
