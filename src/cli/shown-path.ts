// A path as an error line shows it: control characters (a newline or a tab in a file name) are escaped, so that
// each problem stays one line on stderr and a name cannot forge another line.
const CONTROL = /[\u0000-\u001f\u007f]/g;

export const shownPath = (path: string): string =>
  path.replace(CONTROL, (c) => ({ '\n': '\\n', '\r': '\\r', '\t': '\\t' })[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
