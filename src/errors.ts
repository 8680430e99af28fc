// The error of a mistake in what the user asked (a command line, a filter, a search query, an unknown id): any layer
// throws it, the one facing the user reports it (the CLI prints its line and exits 2, the HTTP API answers 400).

/** A mistake in what the user asked: its message is one line for them. */
export class UsageError extends Error {
  constructor(message: string) { super(message); this.name = 'UsageError'; }
}
