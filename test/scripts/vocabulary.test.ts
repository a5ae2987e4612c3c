import { describe, expect, it } from 'vitest';
import { buildVocabulary, pageWords } from '../../scripts/vocabulary';

const page = (main: string) =>
  `<html><body><header>Header words</header><main data-pagefind-body>${main}</main></body></html>`;

describe('search vocabulary', () => {
  it('reads the indexed text of <main> only, without islands, scripts or styles', () => {
    const words = pageWords(
      page(
        '<p>The handshake&nbsp;opens; <code>permessage-deflate</code></p><astro-island><p>widgetword</p></astro-island><script>var scripted</script><style>.styled{}</style>',
      ),
    );
    expect(words).toEqual(['handshake', 'opens', 'permessage-deflate', 'permessage', 'deflate']);
  });

  it('skips pages Pagefind does not index', () => {
    expect(pageWords('<main><p>nothing here</p></main>')).toEqual([]);
  });

  it('lists words seen twice or more, most frequent first', () => {
    const v = buildVocabulary([page('<p>window window window segment segment rare</p>'), page('<p>segment</p>')]);
    expect(v).toEqual(['segment', 'window']);
  });
});
