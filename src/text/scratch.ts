// Reusable working arrays for the extractors. A typed array over 64 bytes gets its own buffer outside the heap,
// which costs more to allocate and collect per document than clearing one that is kept.

const slots: Uint8Array[] = [];

/**
 * A byte array, zero over [0, n), kept in `slot` and reused by the next call for that slot: a caller uses it
 * only until it returns, and two arrays in use at once take two slots.
 */
export function zeroedBytes(slot: number, n: number): Uint8Array {
  let bytes = slots[slot];
  if (!bytes || bytes.length < n) slots[slot] = bytes = new Uint8Array(Math.max(n, 4096));
  else bytes.fill(0, 0, n);
  return bytes;
}
