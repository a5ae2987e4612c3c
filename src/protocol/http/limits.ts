/**
 * How long may a request line, a header field, the header section and a cookie be? The standards set
 * no maximum (only minimums to support); servers and browsers do. Each entry names its source; the
 * lesson renders this table and the lab's limit experiments compare against it.
 *
 * Values checked against the documentation (and, for Node.js, measured on Node.js 20: a request whose
 * URL + header names + header values total 16,383 bytes is accepted, 16,384 gets 431).
 */

export type LimitSubject =
  'request-line' | 'uri' | 'header-field' | 'header-count' | 'header-section' | 'field-section-h2' | 'cookie';
export type LimitKind = 'standard' | 'server' | 'browser';

export interface LimitEntry {
  id: string;
  kind: LimitKind;
  /** Who sets it: "RFC 9110", "nginx", "Apache httpd", "Apache Tomcat", "Node.js", "Chromium", "Firefox". */
  who: string;
  subject: LimitSubject;
  /** Configuration knob and its default, when there is one. */
  setting?: string;
  default?: string;
  /** The number that matters, in bytes (or a count for header-count and cookie counts). */
  value?: number;
  /** Whether `value` is a guaranteed minimum (standards) or an enforced maximum (implementations). */
  valueIs?: 'minimum-to-support' | 'maximum' | 'count-maximum' | 'count-minimum';
  /** What is counted towards the limit. */
  counts?: string;
  /** The response when the limit is exceeded. */
  status?: number;
  statusText?: string;
  summary: string;
  source: { title: string; url: string; section?: string };
}

export const HTTP_LIMITS: readonly LimitEntry[] = [
  {
    id: 'rfc9110-no-field-limit',
    kind: 'standard',
    who: 'RFC 9110',
    subject: 'header-section',
    summary:
      'HTTP sets no predefined limit on the length of a field line, a field value or the header section. A server that receives more than it wishes to process must answer with a suitable 4xx status.',
    source: {
      title: 'RFC 9110 HTTP Semantics',
      url: 'https://www.rfc-editor.org/rfc/rfc9110#section-5.4',
      section: '§5.4 Field Limits',
    },
  },
  {
    id: 'rfc6585-431',
    kind: 'standard',
    who: 'RFC 6585',
    subject: 'header-section',
    status: 431,
    statusText: 'Request Header Fields Too Large',
    summary:
      '431 may be sent when the header fields in total are too large, or when a single field is; the response should say which.',
    source: {
      title: 'RFC 6585 Additional HTTP Status Codes',
      url: 'https://www.rfc-editor.org/rfc/rfc6585#section-5',
      section: '§5',
    },
  },
  {
    id: 'rfc9112-request-line',
    kind: 'standard',
    who: 'RFC 9112',
    subject: 'request-line',
    value: 8000,
    valueIs: 'minimum-to-support',
    summary:
      'No predefined limit on the request line; all senders and recipients are RECOMMENDED to support request lines of at least 8,000 octets. A target longer than the server will parse gets 414.',
    source: {
      title: 'RFC 9112 HTTP/1.1',
      url: 'https://www.rfc-editor.org/rfc/rfc9112#section-3',
      section: '§3 Request Line',
    },
  },
  {
    id: 'rfc9110-uri-8000',
    kind: 'standard',
    who: 'RFC 9110',
    subject: 'uri',
    value: 8000,
    valueIs: 'minimum-to-support',
    summary:
      'It is RECOMMENDED that all senders and recipients support URIs of at least 8,000 octets in protocol elements.',
    source: {
      title: 'RFC 9110 HTTP Semantics',
      url: 'https://www.rfc-editor.org/rfc/rfc9110#section-4.1',
      section: '§4.1 URI References',
    },
  },
  {
    id: 'rfc9110-414',
    kind: 'standard',
    who: 'RFC 9110',
    subject: 'uri',
    status: 414,
    statusText: 'URI Too Long',
    summary:
      '414: the target URI is longer than the server is willing to interpret (often a GET carrying data that should have been a POST).',
    source: {
      title: 'RFC 9110 HTTP Semantics',
      url: 'https://www.rfc-editor.org/rfc/rfc9110#section-15.5.15',
      section: '§15.5.15',
    },
  },
  {
    id: 'nginx-request-line',
    kind: 'server',
    who: 'nginx',
    subject: 'request-line',
    setting: 'large_client_header_buffers',
    default: '4 8k',
    value: 8192,
    valueIs: 'maximum',
    counts: 'The whole request line must fit in one buffer.',
    status: 414,
    statusText: 'Request-URI Too Large',
    summary: 'A request line longer than one buffer (8 KiB by default) is answered with 414.',
    source: {
      title: 'nginx ngx_http_core_module',
      url: 'https://nginx.org/en/docs/http/ngx_http_core_module.html#large_client_header_buffers',
      section: 'large_client_header_buffers',
    },
  },
  {
    id: 'nginx-header-field',
    kind: 'server',
    who: 'nginx',
    subject: 'header-field',
    setting: 'large_client_header_buffers',
    default: '4 8k',
    value: 8192,
    valueIs: 'maximum',
    counts: 'Each header line must fit in one buffer; the whole header section in the 4 buffers (32 KiB).',
    status: 400,
    statusText: 'Bad Request ("Request Header Or Cookie Too Large")',
    summary:
      'A header field longer than one buffer gets 400; nginx\'s error page reads "400 Request Header Or Cookie Too Large", since a huge Cookie header is the usual culprit.',
    source: {
      title: 'nginx ngx_http_core_module',
      url: 'https://nginx.org/en/docs/http/ngx_http_core_module.html#large_client_header_buffers',
      section: 'large_client_header_buffers',
    },
  },
  {
    id: 'apache-request-line',
    kind: 'server',
    who: 'Apache httpd',
    subject: 'request-line',
    setting: 'LimitRequestLine',
    default: '8190',
    value: 8190,
    valueIs: 'maximum',
    counts: 'Method, URI and protocol version.',
    status: 414,
    statusText: 'Request-URI Too Long',
    summary: 'A request line longer than 8,190 bytes is answered with 414.',
    source: {
      title: 'Apache HTTP Server core',
      url: 'https://httpd.apache.org/docs/2.4/mod/core.html#limitrequestline',
      section: 'LimitRequestLine',
    },
  },
  {
    id: 'apache-field-size',
    kind: 'server',
    who: 'Apache httpd',
    subject: 'header-field',
    setting: 'LimitRequestFieldSize',
    default: '8190',
    value: 8190,
    valueIs: 'maximum',
    counts: 'One header field line.',
    status: 400,
    statusText: 'Bad Request ("Size of a request header field exceeds server limit.")',
    summary: 'A single header field longer than 8,190 bytes is answered with 400.',
    source: {
      title: 'Apache HTTP Server core',
      url: 'https://httpd.apache.org/docs/2.4/mod/core.html#limitrequestfieldsize',
      section: 'LimitRequestFieldSize',
    },
  },
  {
    id: 'apache-field-count',
    kind: 'server',
    who: 'Apache httpd',
    subject: 'header-count',
    setting: 'LimitRequestFields',
    default: '100',
    value: 100,
    valueIs: 'count-maximum',
    status: 400,
    statusText: 'Bad Request',
    summary: 'More than 100 header fields in one request are answered with 400.',
    source: {
      title: 'Apache HTTP Server core',
      url: 'https://httpd.apache.org/docs/2.4/mod/core.html#limitrequestfields',
      section: 'LimitRequestFields',
    },
  },
  {
    id: 'tomcat-header-size',
    kind: 'server',
    who: 'Apache Tomcat',
    subject: 'header-section',
    setting: 'maxHttpHeaderSize (and maxHttpRequestHeaderSize, which defaults to it)',
    default: '8192',
    value: 8192,
    valueIs: 'maximum',
    counts: 'Request line and all header fields together.',
    status: 400,
    statusText: 'Bad Request ("Request header is too large")',
    summary: 'Request line plus headers above 8 KiB are rejected with 400 — even a long URL gets 400 here, not 414.',
    source: {
      title: 'Apache Tomcat HTTP Connector',
      url: 'https://tomcat.apache.org/tomcat-10.1-doc/config/http.html',
      section: 'maxHttpHeaderSize',
    },
  },
  {
    id: 'node-max-header-size',
    kind: 'server',
    who: 'Node.js',
    subject: 'header-section',
    setting: '--max-http-header-size / http.maxHeaderSize / maxHeaderSize option',
    default: '16384 (16 KiB; 8 KiB before v13.13)',
    value: 16384,
    valueIs: 'maximum',
    counts:
      'Request target (URL) + header names + header values; the method, version, ": " and line ends are not counted. The sum must stay below 16,384.',
    status: 431,
    statusText: 'Request Header Fields Too Large',
    summary:
      'Too much header data (HPE_HEADER_OVERFLOW) is answered with 431 — a long URL too, since it counts towards the same budget.',
    source: {
      title: 'Node.js CLI',
      url: 'https://nodejs.org/api/cli.html#--max-http-header-sizesize',
      section: '--max-http-header-size',
    },
  },
  {
    id: 'rfc9113-max-header-list-size',
    kind: 'standard',
    who: 'RFC 9113',
    subject: 'field-section-h2',
    setting: 'SETTINGS_MAX_HEADER_LIST_SIZE (0x06)',
    default: 'unlimited',
    counts: 'Uncompressed: name + value in octets + 32 per field line, pseudo-header fields included.',
    status: 431,
    statusText: 'Request Header Fields Too Large',
    summary:
      'HTTP/2: an advisory setting a peer sends to say how large a field section it will accept; initially unlimited, and a lower limit may be enforced for any request. A server may answer a larger request with 431 (§10.5.1).',
    source: {
      title: 'RFC 9113 HTTP/2',
      url: 'https://www.rfc-editor.org/rfc/rfc9113#section-6.5.2',
      section: '§6.5.2 Defined Settings',
    },
  },
  {
    id: 'rfc9114-max-field-section-size',
    kind: 'standard',
    who: 'RFC 9114',
    subject: 'field-section-h2',
    setting: 'SETTINGS_MAX_FIELD_SECTION_SIZE (0x06)',
    default: 'unlimited',
    counts: 'The same count as HTTP/2: name + value + 32 per field (§4.2.2).',
    status: 431,
    statusText: 'Request Header Fields Too Large',
    summary:
      'HTTP/3: the same advisory limit under a new name, also unlimited by default; a client should not send a larger request, and a server may answer one with 431 (§4.2.2).',
    source: {
      title: 'RFC 9114 HTTP/3',
      url: 'https://www.rfc-editor.org/rfc/rfc9114#section-7.2.4.1',
      section: '§7.2.4.1 Defined SETTINGS Parameters',
    },
  },
  {
    id: 'node-h2-max-header-list-size',
    kind: 'server',
    who: 'Node.js',
    subject: 'field-section-h2',
    setting: 'maxHeaderListSize (http2 settings)',
    default: '65535',
    value: 65535,
    valueIs: 'maximum',
    counts: 'Advertised in its SETTINGS frame; nghttp2 counts slightly differently from the RFC.',
    summary:
      'node:http2 advertises 65,535 and refuses a larger request stream with RST_STREAM REFUSED_STREAM, not 431 (measured on Node.js 20: a 65,402-byte field value passed, 65,403 was refused).',
    source: {
      title: 'Node.js HTTP/2 settings object',
      url: 'https://nodejs.org/api/http2.html#settings-object',
      section: 'maxHeaderListSize',
    },
  },
  {
    id: 'chromium-h2-max-header-list-size',
    kind: 'browser',
    who: 'Chromium',
    subject: 'field-section-h2',
    setting: 'SETTINGS_MAX_HEADER_LIST_SIZE',
    value: 262144,
    valueIs: 'maximum',
    counts: 'What Chromium accepts in a response field section.',
    summary:
      'Chromium advertises 262,144 (256 KiB) for the responses it receives, with a 65,536-byte HPACK table (measured: the SETTINGS frame Chromium 156 sent to a Node.js http2 server).',
    source: {
      title: 'Chromium net/http/http_network_session.h (kSpdyMaxHeaderListSize)',
      url: 'https://source.chromium.org/chromium/chromium/src/+/main:net/http/http_network_session.h',
    },
  },
  {
    id: 'rfc6265-cookie-size',
    kind: 'standard',
    who: 'RFC 6265',
    subject: 'cookie',
    value: 4096,
    valueIs: 'minimum-to-support',
    counts: "The cookie's name, value and attributes together.",
    summary: 'User agents should support cookies of at least 4,096 bytes — a minimum to support, not a maximum.',
    source: {
      title: 'RFC 6265 HTTP State Management',
      url: 'https://www.rfc-editor.org/rfc/rfc6265#section-6.1',
      section: '§6.1 Limits',
    },
  },
  {
    id: 'rfc6265-cookies-per-domain',
    kind: 'standard',
    who: 'RFC 6265',
    subject: 'cookie',
    value: 50,
    valueIs: 'count-minimum',
    summary: 'At least 50 cookies per domain (and at least 3,000 cookies in total) should be supported.',
    source: {
      title: 'RFC 6265 HTTP State Management',
      url: 'https://www.rfc-editor.org/rfc/rfc6265#section-6.1',
      section: '§6.1 Limits',
    },
  },
  {
    id: 'rfc6265-cookies-total',
    kind: 'standard',
    who: 'RFC 6265',
    subject: 'cookie',
    value: 3000,
    valueIs: 'count-minimum',
    summary: 'At least 3,000 cookies in total should be supported.',
    source: {
      title: 'RFC 6265 HTTP State Management',
      url: 'https://www.rfc-editor.org/rfc/rfc6265#section-6.1',
      section: '§6.1 Limits',
    },
  },
  {
    id: 'chromium-cookie-size',
    kind: 'browser',
    who: 'Chromium',
    subject: 'cookie',
    value: 4096,
    valueIs: 'maximum',
    counts: 'Name + value (attributes are limited separately: 1,024 bytes per attribute value).',
    summary: 'A Set-Cookie whose name and value together exceed 4,096 bytes is ignored.',
    source: {
      title: 'Chromium net/cookies/parsed_cookie.h (kMaxCookieNamePlusValueSize)',
      url: 'https://source.chromium.org/chromium/chromium/src/+/main:net/cookies/parsed_cookie.h',
    },
  },
  {
    id: 'chromium-cookies-per-domain',
    kind: 'browser',
    who: 'Chromium',
    subject: 'cookie',
    value: 180,
    valueIs: 'count-maximum',
    counts: 'Cookies per registrable domain (eTLD+1); 3,300 in total.',
    summary:
      "Up to 180 cookies per domain — well above RFC 6265's minimum of 50; beyond that it evicts cookies by priority, least recently used first.",
    source: {
      title: 'Chromium net/cookies/cookie_monster.cc (kDomainMaxCookies, kMaxCookies)',
      url: 'https://source.chromium.org/chromium/chromium/src/+/main:net/cookies/cookie_monster.cc',
    },
  },
  {
    id: 'firefox-cookies-per-domain',
    kind: 'browser',
    who: 'Firefox',
    subject: 'cookie',
    setting: 'network.cookie.maxPerHost / network.cookie.maxNumber',
    default: '180 / 3000',
    value: 180,
    valueIs: 'count-maximum',
    counts: 'Cookies per base domain; 3,000 in total; 4,096 bytes of name + value per cookie.',
    summary: 'Up to 180 cookies per base domain, like Chromium.',
    source: {
      title: 'Firefox preferences (modules/libpref/init/all.js)',
      url: 'https://searchfox.org/mozilla-central/source/modules/libpref/init/all.js',
    },
  },
];

/** Entries about one subject, standards first. */
export function limitsFor(subject: LimitSubject): LimitEntry[] {
  const order: Record<LimitKind, number> = { standard: 0, server: 1, browser: 2 };
  return HTTP_LIMITS.filter((l) => l.subject === subject).sort((a, b) => order[a.kind] - order[b.kind]);
}

export interface LimitCheck {
  entry: LimitEntry;
  exceeded: boolean;
  why: string;
}

/**
 * Which server defaults would reject a request with this request line and these header fields? Each
 * server is checked by its own rule; the result says which status each would send.
 */
export function checkRequestAgainstServers(
  requestLine: string,
  headers: ReadonlyArray<{ name: string; value: string }>,
): LimitCheck[] {
  const enc = new TextEncoder();
  const len = (s: string) => enc.encode(s).length;
  const lineBytes = len(requestLine);
  const target = requestLine.split(' ')[1] ?? '';
  const fieldLines = headers.map((h) => len(`${h.name}: ${h.value}`));
  const longestField = Math.max(0, ...fieldLines);
  const sectionWithLine = lineBytes + 2 + fieldLines.reduce((n, f) => n + f + 2, 0) + 2;
  const nodeCount = len(target) + headers.reduce((n, h) => n + len(h.name) + len(h.value), 0);
  const byId = (id: string) => HTTP_LIMITS.find((l) => l.id === id) as LimitEntry;
  const check = (id: string, measured: number, limit: number, exceeded: boolean, what: string): LimitCheck => {
    const entry = byId(id);
    return {
      entry,
      exceeded,
      why: exceeded
        ? `${what} is ${measured} bytes, over ${entry.who}'s ${limit}: ${entry.status} ${entry.statusText ?? ''}`.trim()
        : `${what} is ${measured} bytes, within ${entry.who}'s ${limit}.`,
    };
  };
  return [
    check('nginx-request-line', lineBytes + 2, 8192, lineBytes + 2 > 8192, 'The request line (with CRLF)'),
    check('nginx-header-field', longestField + 2, 8192, longestField + 2 > 8192, 'The longest header line (with CRLF)'),
    check('apache-request-line', lineBytes, 8190, lineBytes > 8190, 'The request line'),
    check('apache-field-size', longestField, 8190, longestField > 8190, 'The longest header field'),
    {
      entry: byId('apache-field-count'),
      exceeded: headers.length > 100,
      why: `${headers.length} header fields; Apache httpd allows 100.`,
    },
    check('tomcat-header-size', sectionWithLine, 8192, sectionWithLine > 8192, 'Request line + headers'),
    check('node-max-header-size', nodeCount, 16384, nodeCount >= 16384, 'URL + header names + values'),
  ];
}
