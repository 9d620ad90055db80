/**
 * Byte encodings the simulator needs: deterministic fake SHAs, base64 and hex digests.
 *
 * @module
 */

/** @internal `len` hex digits derived deterministically from `n` (fake commit SHAs). */
export function pseudoHex(n: number, len: number): string {
  let out = "";
  let x = (n ^ 0x9e3779b9) >>> 0;
  let guard = 0;
  while (out.length < len && guard++ < 64) {
    x = Math.imul(x ^ (x >>> 16), 0x85ebca6b) >>> 0;
    x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35) >>> 0;
    x = (x ^ (x >>> 16)) >>> 0;
    out += x.toString(16).padStart(8, "0");
    x = (x + 0x6d2b79f5 + guard) >>> 0;
  }
  return out.slice(0, len);
}

/** @internal standard base64 of `bytes`. */
export function toBase64(bytes: Uint8Array): string {
  let s = "";
  const step = 0x8000;
  for (let i = 0; i < bytes.length; i += step) {
    s += String.fromCharCode(...bytes.subarray(i, i + step));
  }
  return btoa(s);
}

/** @internal lower-case hex digest of `data`. */
export async function digestHex(alg: "SHA-1" | "SHA-256", data: Uint8Array): Promise<string> {
  const buf = await crypto.subtle.digest(alg, data as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, "0")).join("");
}
