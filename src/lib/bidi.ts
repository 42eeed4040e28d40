/**
 * Text from a server set inside a sentence of ours, isolated for direction:
 * FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE, the plain-text form of
 * `<bdi>`. Without it a name holding a right-to-left override (U+202E) or an
 * Arabic or Hebrew word reorders what follows it, so "(1.6)" after it reads
 * "(6.1)". In markup, wrap such text in `<bdi>` instead.
 */
export function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}
