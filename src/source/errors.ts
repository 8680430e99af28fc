/** A document that cannot be read as a readout source; `reason` is one line fit for stderr. */
export class SourceError extends Error {
  constructor(readonly path: string, readonly reason: string) {
    super(`${path}: ${reason}`);
    this.name = 'SourceError';
  }
}
