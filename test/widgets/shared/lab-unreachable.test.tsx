/** The "no lab answered" help shared by the lab console and the experiments. */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { unreachableHelp } from '../../../src/widgets/shared/lab-unreachable';
import { LabUnreachable } from '../../../src/widgets/shared/LabUnreachable';

describe('unreachableHelp', () => {
  it('says how to start the lab, and how to allow a page from another origin', () => {
    const fromLab = unreachableHelp(['ws://127.0.0.1:4331/lab/ws/inspect'], 'http://127.0.0.1:4331');
    expect(fromLab.start).toBe('npm install && npm start');
    expect(fromLab.allowOrigin).toBeUndefined();
    const fromSite = unreachableHelp(['ws://127.0.0.1:8787/lab/ws/inspect'], 'https://notebook.example');
    expect(fromSite.allowOrigin).toBe('npm start -- --allow-origin https://notebook.example');
  });

  it('takes the experiments’ http origins as well as socket URLs', () => {
    const origins = ['http://127.0.0.1:8787', 'http://localhost:8787'];
    expect(unreachableHelp(origins, 'http://localhost:8787').allowOrigin).toBeUndefined();
    expect(unreachableHelp(origins, 'https://notebook.example').summary).toBe(
      'No lab answered at http://127.0.0.1:8787 or http://localhost:8787.',
    );
  });

  it('leaves the origin advice out for pages that are not http(s), such as a file', () => {
    expect(unreachableHelp(['ws://127.0.0.1:8787/lab/ws/inspect'], 'null').allowOrigin).toBeUndefined();
  });
});

describe('LabUnreachable', () => {
  it('names the command, what to do next and, for a foreign page, the origin to allow', () => {
    const html = renderToStaticMarkup(
      <LabUnreachable urls={['http://127.0.0.1:8787']} pageOrigin="https://notebook.example" then="press Run again" />,
    );
    expect(html).toContain('role="alert"');
    expect(html).toContain('npm install &amp;&amp; npm start');
    expect(html).toContain('Then press Run again.');
    expect(html).toContain('npm start -- --allow-origin https://notebook.example');
  });
});
