/** Bumped whenever extraction output changes, so `readout reindex` knows what to redo. Apart from index.ts so that
 *  what only needs the version (the server) does not load the pipeline. */
export const EXTRACTOR_VERSION = '0.2.0';
