/**
 * GET /lab/http/head — the request head exactly as it arrived (RFC 9112 §2.1: request line, field
 * lines, empty line). Plain text for curl and nc; JSON ({@link HeadEcho}) for pages that send
 * `Accept: application/json` or `?format=json`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HeadEcho } from '../../src/lab-protocol/messages';
import { takeRawHead } from './raw-head';
import { sendJson, sendText } from './respond';

export function wantsJson(req: IncomingMessage, url: URL): boolean {
  const format = url.searchParams.get('format');
  if (format !== null) return format === 'json';
  return (req.headers.accept ?? '').includes('application/json');
}

export function handleHeadEcho(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  cors: Record<string, string>,
): void {
  const raw = takeRawHead(req);
  if (!wantsJson(req, url)) {
    const note = raw.exact ? '' : '(rebuilt from the parsed header lines: the raw bytes were not available)\r\n';
    sendText(res, 200, note + raw.text, cors);
    return;
  }
  const headers: [string, string][] = [];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2)
    headers.push([req.rawHeaders[i] ?? '', req.rawHeaders[i + 1] ?? '']);
  const body: HeadEcho = {
    head: raw.text,
    exact: raw.exact,
    bytes: raw.text.length,
    method: req.method ?? '',
    target: req.url ?? '',
    httpVersion: req.httpVersion,
    headers,
  };
  sendJson(res, 200, body, cors);
}
