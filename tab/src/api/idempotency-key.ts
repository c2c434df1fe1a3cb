/** A UUID for an idempotency key; randomUUID needs a secure context, so the fallback builds one by hand. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * One key per submission of a form: sending the same content again (a double click, a retry after a lost
 * answer) reuses the key, so the server does it once; changed content is a new submission with a new key.
 */
export function submissionKeys(): { keyFor(content: unknown): string; reset(): void } {
  let current: { key: string; signature: string } | undefined;
  return {
    keyFor(content) {
      const signature = JSON.stringify(content);
      if (current?.signature !== signature) current = { key: newIdempotencyKey(), signature };
      return current.key;
    },
    reset() {
      current = undefined;
    },
  };
}
