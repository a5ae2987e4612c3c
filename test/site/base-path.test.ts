import { describe, expect, it } from 'vitest';
import { normaliseBase, withBase, withoutBase } from '../../src/site/base-path';
import { rehypeBaseLinks } from '../../src/site/rehype-base-links';

describe('base path', () => {
  it('normalises BASE_PATH as people write it', () => {
    expect(normaliseBase(undefined)).toBe('/');
    expect(normaliseBase('')).toBe('/');
    expect(normaliseBase('/')).toBe('/');
    expect(normaliseBase('wire-notebook')).toBe('/wire-notebook/');
    expect(normaliseBase('/wire-notebook')).toBe('/wire-notebook/');
    expect(normaliseBase(' /a/b/ ')).toBe('/a/b/');
  });

  it('puts site paths under the base and leaves everything else', () => {
    expect(withBase('/lessons/x/', '/wire-notebook/')).toBe('/wire-notebook/lessons/x/');
    expect(withBase('/', '/wire-notebook/')).toBe('/wire-notebook/');
    expect(withBase('/tools/#hex=81', '/')).toBe('/tools/#hex=81');
    for (const kept of ['#closing', 'https://datatracker.ietf.org/', '//cdn.example/x.js', 'mailto:a@b', '../x/']) {
      expect(withBase(kept, '/wire-notebook/')).toBe(kept);
    }
  });

  it('reads the site path back out of a pathname', () => {
    expect(withoutBase('/wire-notebook/tools/', '/wire-notebook/')).toBe('/tools/');
    expect(withoutBase('/wire-notebook/', '/wire-notebook/')).toBe('/');
    expect(withoutBase('/wire-notebook', '/wire-notebook/')).toBe('/');
    expect(withoutBase('/other/', '/wire-notebook/')).toBe('/other/');
    expect(withoutBase('/tools/', '/')).toBe('/tools/');
  });
});

describe('rehypeBaseLinks', () => {
  it('prefixes internal links and images in Markdown and MDX JSX, and nothing else', () => {
    const tree = {
      type: 'root',
      children: [
        { type: 'element', tagName: 'a', properties: { href: '/lessons/websocket-framing/#closing' }, children: [] },
        { type: 'element', tagName: 'a', properties: { href: 'https://www.rfc-editor.org/rfc/rfc6455' } },
        { type: 'element', tagName: 'a', properties: { href: '#masking' } },
        { type: 'element', tagName: 'img', properties: { src: '/favicon.svg' } },
        { type: 'element', tagName: 'code', properties: {}, children: [{ type: 'text', value: '/lessons/' }] },
        {
          type: 'mdxJsxTextElement',
          name: 'a',
          attributes: [{ type: 'mdxJsxAttribute', name: 'href', value: '/tools/tcpdump/' }],
          children: [],
        },
      ],
    };
    rehypeBaseLinks({ base: '/wire-notebook/' })(tree);
    expect(JSON.stringify(tree)).toContain('"href":"/wire-notebook/lessons/websocket-framing/#closing"');
    expect(JSON.stringify(tree)).toContain('"href":"https://www.rfc-editor.org/rfc/rfc6455"');
    expect(JSON.stringify(tree)).toContain('"href":"#masking"');
    expect(JSON.stringify(tree)).toContain('"src":"/wire-notebook/favicon.svg"');
    expect(JSON.stringify(tree)).toContain('"value":"/lessons/"');
    expect(JSON.stringify(tree)).toContain('"value":"/wire-notebook/tools/tcpdump/"');
  });
});
