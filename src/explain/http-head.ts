/**
 * HTTP heads as the lessons edit them: split into lines, one header field replaced or removed, another method.
 * Text surgery for figures and exercises; parsing and checking heads is the protocol core's job (src/protocol/http).
 */

/** The lines of an HTTP head without their CRLF, the final empty line dropped. */
export function headLines(head: string): string[] {
  const lines = head.split('\r\n');
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * A copy of a request head with one header field replaced (value), added at the end (value, when absent) or
 * removed (null). Names compare case-insensitively. Keeps CRLF line ends and the final empty line.
 */
export function withHeader(head: string, name: string, value: string | null): string {
  const lines = headLines(head);
  const wanted = name.toLowerCase();
  const index = lines.findIndex((l, i) => i > 0 && l.slice(0, l.indexOf(':')).toLowerCase() === wanted);
  if (value === null) {
    if (index >= 0) lines.splice(index, 1);
  } else if (index >= 0) {
    lines[index] = `${lines[index]!.slice(0, lines[index]!.indexOf(':'))}: ${value}`;
  } else {
    lines.push(`${name}: ${value}`);
  }
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/** A copy of a request head with another method (the request line's first word). */
export function withMethod(head: string, method: string): string {
  return head.replace(/^[^ ]+/, method);
}
