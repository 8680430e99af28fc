// How much an archive holds, in words for the commands' summaries.
import type { Store } from './store.js';

/** "1 meeting", "2 meetings". */
export const counted = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** "N meetings" (in M readouts, when some meeting has several), and the documents kept that are not readouts. */
export function archiveSize(store: Store): string {
  const meetings = store.meetings({}, { limit: 0 }).total;
  const readouts = store.meetings({ count: 'readouts' }, { limit: 0 }).total;
  const others = store.count() - readouts;
  return counted(meetings, 'meeting') + (readouts > meetings ? ` in ${counted(readouts, 'readout')}` : '')
    + (others ? ` and ${counted(others, 'other document')} (not readouts)` : '');
}
