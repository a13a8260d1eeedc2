/** Initial passwords for pupils: easy to type from a printed card, 12 characters from 31 unambiguous ones (~59 bits). */
import { randomInt } from "node:crypto";

const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"; // no 0/o, 1/l/i

/** A random password shaped `xxxx-xxxx-xxxx` (14 characters incl. dashes; satisfies PASSWORD_MIN). */
export function generateInitialPassword(): string {
  const group = () => Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
  return `${group()}-${group()}-${group()}`;
}
