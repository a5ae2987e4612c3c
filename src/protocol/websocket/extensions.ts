/**
 * Sec-WebSocket-Extensions (RFC 6455 §9.1): the offers a client makes and the answer a server gives,
 * `1#extension` where extension = token *( ";" token [ "=" ( token | quoted-string ) ] ).
 */

import { isToken, quoteValue } from '../http/fields';

export interface ExtensionParam {
  name: string;
  /** Absent for a bare parameter such as "client_max_window_bits". */
  value?: string;
}

export interface ExtensionOffer {
  name: string;
  params: ExtensionParam[];
}

/** Parse Sec-WebSocket-Extensions (RFC 6455 §9.1); returns an error message instead of throwing. */
export function parseExtensions(value: string): { extensions: ExtensionOffer[]; error?: string } {
  const extensions: ExtensionOffer[] = [];
  let i = 0;
  const ows = (): void => {
    while (value[i] === ' ' || value[i] === '\t') i++;
  };
  const token = (): string => {
    const m = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+/.exec(value.slice(i));
    if (!m) return '';
    i += m[0].length;
    return m[0];
  };
  const fail = (what: string): { extensions: ExtensionOffer[]; error: string } => ({
    extensions: [],
    error: `${what} at position ${i} of ${quoteValue(value)}${i < value.length ? ` (found ${quoteValue(value[i] ?? '')})` : ''}`,
  });
  for (;;) {
    ows();
    if (i >= value.length) break;
    if (value[i] === ',') {
      i++; // empty list element (RFC 9110 §5.6.1)
      continue;
    }
    const name = token();
    if (name === '') return fail('Expected an extension name (a token)');
    const params: ExtensionParam[] = [];
    for (;;) {
      ows();
      if (value[i] !== ';') break;
      i++;
      ows();
      const pname = token();
      if (pname === '') return fail(`Expected a parameter name after ";" in extension "${name}"`);
      ows();
      if (value[i] === '=') {
        i++;
        ows();
        let pvalue: string;
        if (value[i] === '"') {
          i++;
          pvalue = '';
          while (i < value.length && value[i] !== '"') {
            if (value[i] === '\\') i++;
            pvalue += value[i] ?? '';
            i++;
          }
          if (value[i] !== '"') return fail(`Unterminated quoted string in parameter "${pname}"`);
          i++;
          // §9.1: after unescaping, a quoted value must still be a token.
          if (!isToken(pvalue)) return fail(`The quoted value of "${pname}" is not a token after unescaping`);
        } else {
          pvalue = token();
          if (pvalue === '') return fail(`Expected a value after "${pname}="`);
        }
        params.push({ name: pname, value: pvalue });
      } else {
        params.push({ name: pname });
      }
    }
    extensions.push({ name, params });
    ows();
    if (i >= value.length) break;
    if (value[i] !== ',') return fail(`Expected "," or ";" after extension "${name}"`);
    i++;
  }
  return { extensions };
}
