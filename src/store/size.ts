// How much an archive holds, in words for the commands' summaries.
import type { Store } from './store.js';
import type { ArchiveStore } from './archive-store.js';

/** "1 meeting", "2 meetings". */
export const counted = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** "N meetings" (in M readouts, when some meeting has several), and the documents kept that are not readouts. */
export function archiveSize(store: Store): string {
  return sizeInWords(store.meetings({}, { limit: 0 }).total, store.meetings({ count: 'readouts' }, { limit: 0 }).total,
    store.count());
}

export async function archiveSizeOf(store: ArchiveStore): Promise<string> {
  const [meetings, readouts, all] = await Promise.all([store.meetings({}, { limit: 0 }),
    store.meetings({ count: 'readouts' }, { limit: 0 }), store.count()]);
  return sizeInWords(meetings.total, readouts.total, all);
}

function sizeInWords(meetings: number, readouts: number, all: number): string {
  const others = all - readouts;
  return counted(meetings, 'meeting') + (readouts > meetings ? ` in ${counted(readouts, 'readout')}` : '')
    + (others ? ` and ${counted(others, 'other document')} (not readouts)` : '');
}
