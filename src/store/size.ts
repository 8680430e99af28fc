// How much an archive holds, in words for the commands' summaries.
import type { Store } from './store.js';

/** "1 meeting", "2 meetings". */
export const counted = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** "N meetings", and the documents kept that are not readouts, if any. */
export function archiveSize(store: Store): string {
  const meetings = store.meetings({}, { limit: 0 }).total;
  const others = store.count() - meetings;
  return counted(meetings, 'meeting') + (others ? ` and ${counted(others, 'other document')} (not readouts)` : '');
}
