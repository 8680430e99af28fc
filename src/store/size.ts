// How much an archive holds, in words for the commands' summaries.
import type { ArchiveStore } from './archive-store.js';

/** "1 meeting", "2 meetings". */
export const counted = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** "N meetings" (in M readouts, when some meeting has several), and the documents kept that are not readouts. */
export async function archiveSizeOf(store: ArchiveStore): Promise<string> {
  const [meetings, readouts, all] = await Promise.all([store.meetings({}, { limit: 0 }),
    store.meetings({ count: 'readouts' }, { limit: 0 }), store.count()]);
  const others = all - readouts.total;
  return counted(meetings.total, 'meeting')
    + (readouts.total > meetings.total ? ` in ${counted(readouts.total, 'readout')}` : '')
    + (others ? ` and ${counted(others, 'other document')} (not readouts)` : '');
}
