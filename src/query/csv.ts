// RFC 4180 CSV: what pandas.read_csv and R's read.csv load without options.
// A text cell that a spreadsheet would run as a formula (=, +, -, @, tab or CR first) gets a leading apostrophe,
// as OWASP's CSV-injection guidance says; numbers are written as they are.
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  let s = Array.isArray(value) ? value.join(';') : String(value);
  if (typeof value !== 'number' && FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

export const csvLine = (values: unknown[]) => values.map(csvField).join(',') + '\r\n';
