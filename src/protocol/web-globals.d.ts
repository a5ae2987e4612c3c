/**
 * The only globals the protocol core may use beyond ES2022: the parts of the Encoding and Web Crypto APIs that
 * browsers, Web Workers and Node all provide. Its tsconfig has no DOM or Node types, so anything else (Buffer,
 * process, document, window) fails to type-check here; the lint rules say the same for plain JavaScript use.
 */

interface TextEncoder {
  encode(input?: string): Uint8Array<ArrayBuffer>;
}
declare var TextEncoder: { new (): TextEncoder };

interface TextDecoder {
  decode(input?: ArrayBufferView | ArrayBuffer, options?: { stream?: boolean }): string;
}
declare var TextDecoder: { new (label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean }): TextDecoder };

interface SubtleCrypto {
  digest(algorithm: 'SHA-1' | 'SHA-256', data: ArrayBufferView<ArrayBuffer> | ArrayBuffer): Promise<ArrayBuffer>;
}
interface Crypto {
  readonly subtle: SubtleCrypto;
  getRandomValues<T extends ArrayBufferView<ArrayBuffer>>(array: T): T;
}
// Optional: a runtime without Web Crypto (an old embedded engine) falls back to the pure SHA-1.
declare var crypto: Crypto | undefined;
