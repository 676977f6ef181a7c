// Strict base64 (RFC 4648, padded) for the int8 weights in a model file: no Buffer/atob, so core runs anywhere.
import { fail } from './json-checks';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const VALUES = new Map([...ALPHABET].map((char, i) => [char, i]));

export function encodeBase64(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i];
    const b = i + 1 < bytes.length ? bytes[i + 1] : 0;
    const c = i + 2 < bytes.length ? bytes[i + 2] : 0;
    const triple = (a << 16) | (b << 8) | c;
    text += ALPHABET[triple >> 18] + ALPHABET[(triple >> 12) & 63];
    text += i + 1 < bytes.length ? ALPHABET[(triple >> 6) & 63] : '=';
    text += i + 2 < bytes.length ? ALPHABET[triple & 63] : '=';
  }
  return text;
}

/**
 * Decodes padded base64, rejecting (with `path` in the message) anything else: a length that is not a
 * multiple of 4 (a truncated string), characters outside the alphabet, misplaced padding, and non-zero
 * bits after the last byte (so each byte string has exactly one encoding).
 */
export function decodeBase64(text: string, path: string): Uint8Array {
  if (text.length % 4 !== 0) fail(path, `is not base64: its length ${text.length} is not a multiple of 4 (truncated?)`);
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const bytes = new Uint8Array((text.length / 4) * 3 - padding);
  let out = 0;
  for (let i = 0; i < text.length; i += 4) {
    let triple = 0;
    for (let j = 0; j < 4; j++) {
      const char = text[i + j];
      const isPadding = char === '=' && i + 4 === text.length && j >= 4 - padding;
      const value = isPadding ? 0 : VALUES.get(char);
      if (value === undefined) fail(path, `is not base64: "${char}" at character ${i + j}`);
      triple = (triple << 6) | value;
    }
    const chunk = [(triple >> 16) & 255, (triple >> 8) & 255, triple & 255];
    const count = i + 4 === text.length ? 3 - padding : 3;
    if (chunk.slice(count).some((byte) => byte !== 0)) fail(path, 'is not canonical base64: bits set after the last byte');
    for (let j = 0; j < count; j++) bytes[out++] = chunk[j];
  }
  return bytes;
}
