// Dates as readouts write them: "August 16, 2017", "16 August 2017", "June 29th", "Feb. 15", "2020-02-15".

const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH = '(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';
const ORD = '(?:st|nd|rd|th)?';

export interface DateMention { start: number; end: number; year: number | null; month: number; day: number }

const PATTERNS: { re: RegExp; read: (m: RegExpExecArray) => { y: string | undefined; mo: string; d: string } }[] = [
  { re: new RegExp(`\\b(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})\\b`, 'g'), read: (m) => ({ y: m[1], mo: m[2], d: m[3] }) },
  // "02.04.2011": European pages put the day first when they write dots
  { re: new RegExp(`\\b(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4})\\b`, 'g'), read: (m) => ({ y: m[3], mo: m[2], d: m[1] }) },
  // "27/06/2022", "22-04-2016", "06/27/2022": day and month in either order, read only when one of them cannot be
  // a month ("06/07/2022" is a different day in Europe and in the United States)
  { re: new RegExp(`\\b(\\d{1,2})[-/](\\d{1,2})[-/](\\d{4})\\b`, 'g'), read: (m) => (Number(m[1]) > 12 ? { y: m[3], mo: m[2], d: m[1] } : Number(m[2]) > 12 ? { y: m[3], mo: m[1], d: m[2] } : { y: m[3], mo: '0', d: '0' }) },
  { re: new RegExp(`\\b${MONTH}\\s+(\\d{1,2})${ORD}\\b(?:,?\\s+(\\d{4})\\b)?`, 'gi'), read: (m) => ({ y: m[3], mo: m[1], d: m[2] }) },
  { re: new RegExp(`\\b(\\d{1,2})${ORD}\\s+(?:of\\s+)?${MONTH}(?:,?\\s+(\\d{4})\\b)?`, 'gi'), read: (m) => ({ y: m[3], mo: m[2], d: m[1] }) },
];

function monthNumber(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  const k = s.toLowerCase().slice(0, 3);
  return MONTH_NAMES.findIndex((n) => n.startsWith(k)) + 1;
}

export function findDates(text: string, from = 0, to = text.length): DateMention[] {
  const slice = text.slice(from, to);
  // the dates of earlier patterns win over overlapping ones of later patterns; a pattern's own matches do not
  // overlap, and come in text order: each pattern's dates are merged into the sorted list in one sweep
  let out: DateMention[] = [];
  for (const { re, read } of PATTERNS) {
    const merged: DateMention[] = [];
    let k = 0;
    re.lastIndex = 0;
    for (let m = re.exec(slice); m; m = re.exec(slice)) {
      const { y, mo, d } = read(m);
      const month = monthNumber(mo), day = Number(d);
      if (month < 1 || month > 12 || day < 1 || day > 31) continue;
      const start = from + m.index, end = start + m[0].length;
      while (k < out.length && out[k].end <= start) merged.push(out[k++]);
      if (k < out.length && out[k].start < end) continue;
      merged.push({ start, end, year: y ? Number(y) : null, month, day });
    }
    while (k < out.length) merged.push(out[k++]);
    out = merged;
  }
  return out;
}

export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Whether the day exists: Date's calendar (proleptic Gregorian) does not roll it over into the next month. */
function isCalendarDay(year: number, month: number, day: number): boolean {
  const t = new Date(0);
  t.setUTCFullYear(year, month - 1, day); // not Date.UTC, which reads years 0-99 as 1900-1999
  return t.getUTCFullYear() === year && t.getUTCMonth() === month - 1 && t.getUTCDate() === day;
}

/**
 * The ISO date a mention names in `year`, or null when that is no calendar day ("February 30, 2019"), with a
 * warning (once per written form); `source` is the string the mention's offsets index.
 */
export function calendarDate(warnings: string[], source: string, d: DateMention, year: number): string | null {
  if (isCalendarDay(year, d.month, d.day)) return isoDate(year, d.month, d.day);
  const warning = `not a calendar date: "${source.slice(d.start, d.end)}"${d.year === null ? ` (in ${year})` : ''}`;
  if (!warnings.includes(warning)) warnings.push(warning);
  return null;
}

/** A year for a date written without one, from a reference date: a December meeting on a January page is last year's. */
export function inferYear(month: number, ref: { year: number; month: number }): number {
  return month - ref.month > 6 ? ref.year - 1 : ref.year;
}

/** The date a year-less date is read against: the page's date line, else a year from a publication line. */
export function yearReference(publishedDate: string | null, yearHint: number | null): { year: number; month: number } | null {
  if (publishedDate) return { year: Number(publishedDate.slice(0, 4)), month: Number(publishedDate.slice(5, 7)) };
  return yearHint ? { year: yearHint, month: 12 } : null;
}

/** "August 2018" on a publication line: the year and month only; "06/07/2022", whose day and month could be either
 *  way round, gives its year alone (month 0). */
export function findMonthYear(text: string): { year: number; month: number } | null {
  const m = new RegExp(`\\b${MONTH}\\s+(\\d{4})\\b`, 'i').exec(text);
  if (m) return { year: Number(m[2]), month: monthNumber(m[1]) };
  const numeric = /\b\d{1,2}[-/.]\d{1,2}[-/.](\d{4})\b/.exec(text);
  return numeric ? { year: Number(numeric[1]), month: 0 } : null;
}
