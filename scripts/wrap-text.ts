// Greedy hard wrapping at a column, words never broken, leading indentation kept: how an email client or `fmt`
// wraps a readout. Used to make the wrapped copies that `npm run eval -- --wrap N` and the tests score.
export function wrapText(text: string, width: number): string {
  return text.split('\n').map((para) => {
    const lines: string[] = [];
    const indent = /^ */.exec(para)![0];
    let line = indent;
    for (const word of para.slice(indent.length).split(' ')) {
      if (line.trim() && line.length + 1 + word.length > width) { lines.push(line); line = word; }
      else line = line.trim() ? `${line} ${word}` : line + word;
    }
    lines.push(line);
    return lines.join('\n');
  }).join('\n');
}
