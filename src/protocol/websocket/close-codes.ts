/**
 * WebSocket close status codes: RFC 6455 §7.4.1 (1000–1011, with 1004–1006 reserved) and the IANA
 * "WebSocket Close Code Number Registry" (RFC 6455 §11.7), which added 1012–1015. The ranges are
 * RFC 6455 §7.4.2.
 */

/** Named constants for the registered codes. */
export const CloseCode = {
  NormalClosure: 1000,
  GoingAway: 1001,
  ProtocolError: 1002,
  UnsupportedData: 1003,
  Reserved: 1004,
  NoStatusReceived: 1005,
  AbnormalClosure: 1006,
  InvalidPayloadData: 1007,
  PolicyViolation: 1008,
  MessageTooBig: 1009,
  MandatoryExtension: 1010,
  InternalError: 1011,
  ServiceRestart: 1012,
  TryAgainLater: 1013,
  BadGateway: 1014,
  TlsHandshake: 1015,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

export interface CloseCodeInfo {
  code: number;
  /** Short name, as in the IANA registry. */
  name: string;
  /** What the code means, in plain words. */
  meaning: string;
  /** May an endpoint put this code in a Close frame? (RFC 6455 §7.4.1, §7.4.2) */
  onWire: boolean;
  /** Where it is defined. */
  source: string;
}

const RFC = 'RFC 6455 §7.4.1';
const IANA = 'IANA WebSocket Close Code Number Registry (RFC 6455 §11.7)';

/** Every registered code in 1000–1015, in order. */
export const CLOSE_CODES: readonly CloseCodeInfo[] = [
  {
    code: 1000,
    name: 'Normal Closure',
    meaning: 'The purpose of the connection has been fulfilled.',
    onWire: true,
    source: RFC,
  },
  {
    code: 1001,
    name: 'Going Away',
    meaning: 'The endpoint is going away: a server shutting down, a browser leaving the page.',
    onWire: true,
    source: RFC,
  },
  {
    code: 1002,
    name: 'Protocol Error',
    meaning: 'The endpoint received bytes that break the WebSocket protocol.',
    onWire: true,
    source: RFC,
  },
  {
    code: 1003,
    name: 'Unsupported Data',
    meaning: 'The endpoint received a type of data it cannot accept (e.g. binary on a text-only endpoint).',
    onWire: true,
    source: RFC,
  },
  {
    code: 1004,
    name: 'Reserved',
    meaning:
      'Reserved; its meaning might be defined in the future. Not forbidden outright, but libraries (ws, this decoder) fail a Close carrying it with 1002; Chromium accepts it.',
    onWire: false,
    source: RFC,
  },
  {
    code: 1005,
    name: 'No Status Received',
    meaning: 'Not sent: an API reports it when a Close frame arrived without a status code.',
    onWire: false,
    source: RFC,
  },
  {
    code: 1006,
    name: 'Abnormal Closure',
    meaning: 'Not sent: an API reports it when the connection dropped without a Close frame.',
    onWire: false,
    source: RFC,
  },
  {
    code: 1007,
    name: 'Invalid Frame Payload Data',
    meaning: 'A message held data inconsistent with its type, e.g. invalid UTF-8 in a text message.',
    onWire: true,
    source: RFC,
  },
  {
    code: 1008,
    name: 'Policy Violation',
    meaning: "A message broke the endpoint's policy (generic, when 1003 or 1009 do not fit).",
    onWire: true,
    source: RFC,
  },
  {
    code: 1009,
    name: 'Message Too Big',
    meaning: 'A message was too big for the endpoint to process.',
    onWire: true,
    source: RFC,
  },
  {
    code: 1010,
    name: 'Mandatory Extension',
    meaning: 'The client needed an extension the server did not negotiate (sent by clients).',
    onWire: true,
    source: RFC,
  },
  {
    code: 1011,
    name: 'Internal Error',
    meaning: 'The server met an unexpected condition that kept it from fulfilling the request.',
    onWire: true,
    source: RFC,
  },
  {
    code: 1012,
    name: 'Service Restart',
    meaning: 'The service is restarting; the client may reconnect.',
    onWire: true,
    source: IANA,
  },
  {
    code: 1013,
    name: 'Try Again Later',
    meaning: 'The server is temporarily overloaded; try again later.',
    onWire: true,
    source: IANA,
  },
  {
    code: 1014,
    name: 'Bad Gateway',
    meaning: 'A gateway or proxy received an invalid response from the upstream server.',
    onWire: true,
    source: IANA,
  },
  {
    code: 1015,
    name: 'TLS Handshake',
    meaning:
      'Not sent: reserved for an API to report a failed TLS handshake. Browsers report 1006 instead: the connection never opened.',
    onWire: false,
    source: RFC,
  },
];

const BY_CODE = new Map(CLOSE_CODES.map((info) => [info.code, info]));

/**
 * True when an endpoint may send `code` in a Close frame: the registered codes except 1004, 1005,
 * 1006 and 1015, and 3000–4999. Unregistered codes in 1000–2999 are reserved for future revisions and
 * extensions, so a receiver treats them as a protocol error today; below 1000 and from 5000 up are
 * never valid (RFC 6455 §7.4.2).
 */
export function isValidWireCloseCode(code: number): boolean {
  if (!Number.isInteger(code)) return false;
  if (code >= 3000 && code <= 4999) return true;
  return BY_CODE.get(code)?.onWire === true;
}

/** Name, meaning and wire validity of any code, registered or not. */
export function describeCloseCode(code: number): CloseCodeInfo {
  const known = BY_CODE.get(code);
  if (known !== undefined) return known;
  const range = '§7.4.2';
  const base = { code, onWire: false, source: `RFC 6455 ${range}` };
  if (!Number.isInteger(code) || code < 0 || code > 0xffff) {
    return { ...base, name: 'Not a status code', meaning: 'A close status code is an unsigned 16-bit integer.' };
  }
  if (code < 1000) {
    return { ...base, name: 'Unused', meaning: 'Codes 0–999 are not used.' };
  }
  if (code < 3000) {
    return {
      ...base,
      name: 'Reserved for the protocol',
      meaning:
        'Codes 1000–2999 are reserved for this protocol, its revisions and extensions; this one is not registered, so it is not valid on the wire.',
    };
  }
  if (code < 4000) {
    return {
      ...base,
      onWire: true,
      name: 'Library / framework code',
      meaning: 'Codes 3000–3999 are for libraries, frameworks and applications, registered with IANA.',
    };
  }
  if (code < 5000) {
    return {
      ...base,
      onWire: true,
      name: 'Private use',
      meaning: 'Codes 4000–4999 are for private use by an application.',
    };
  }
  return { ...base, name: 'Undefined', meaning: 'Codes from 5000 up are not defined; not valid on the wire.' };
}
