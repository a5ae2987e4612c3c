/**
 * The layer rules fail the lint: code that breaks them, linted with the project's own ESLint config at the
 * path it would have, gets the rule's error; code that keeps them gets none.
 */
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { layerProblem } from '../../../scripts/lint/layers.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const eslint = new ESLint({ cwd: root });

/** The messages ESLint gives `code` as if it were the file at `path`, by rule. */
async function lint(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}${path}` });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('layerProblem', () => {
  it('keeps src/protocol inside itself, off Node and on its package list', () => {
    expect(layerProblem('src/protocol/a.ts', './b', 'src/protocol/b')).toBeUndefined();
    expect(layerProblem('src/protocol/ws/a.ts', '../../site/lab', 'src/site/lab')).toMatch(/nothing from the rest/);
    expect(layerProblem('src/protocol/a.ts', 'node:zlib', undefined)).toMatch(/Node built-in/);
    expect(layerProblem('src/protocol/a.ts', 'zlib', undefined)).toMatch(/Node built-in/);
    expect(layerProblem('src/protocol/a.ts', 'pako/dist/pako.esm.mjs', undefined)).toMatch(/pako is not on the list/);
    expect(layerProblem('src/protocol/a.ts', 'pako', undefined, { protocolPackages: ['pako'] })).toBeUndefined();
    expect(layerProblem('src/protocol/a.ts', '@scope/pkg/x', undefined)).toMatch(/@scope\/pkg is not/);
  });

  it('keeps src/explain on the protocol core only: no widgets, components, exercises, packages or Node', () => {
    expect(layerProblem('src/explain/a.ts', '../protocol/hex', 'src/protocol/hex')).toBeUndefined();
    expect(layerProblem('src/explain/a.ts', './format', 'src/explain/format')).toBeUndefined();
    expect(layerProblem('src/explain/a.ts', '../widgets/shared/links', 'src/widgets/shared/links')).toMatch(
      /src\/explain .* imports only src\/protocol/,
    );
    expect(
      layerProblem('src/explain/a.ts', '../components/lesson/tcp-lesson', 'src/components/lesson/tcp-lesson'),
    ).toMatch(/widgets, components and exercises sit above it/);
    expect(layerProblem('src/explain/a.ts', '../exercises/types', 'src/exercises/types')).toMatch(/sit above it/);
    expect(layerProblem('src/explain/a.ts', 'node:util', undefined)).toMatch(/imports only src\/protocol/);
    expect(layerProblem('src/explain/a.ts', 'react', undefined)).toMatch(/imports only src\/protocol/);
  });

  it('lets the lab use Node, npm, the core and its message types, and nothing else from the repository', () => {
    expect(layerProblem('lab/server.ts', 'node:net', undefined)).toBeUndefined();
    expect(layerProblem('lab/server.ts', 'sirv', undefined)).toBeUndefined();
    expect(layerProblem('lab/ws/x.ts', '../../src/protocol', 'src/protocol')).toBeUndefined();
    expect(layerProblem('lab/x.ts', '../src/lab-protocol/messages', 'src/lab-protocol/messages')).toBeUndefined();
    expect(layerProblem('lab/x.ts', '../src/widgets/shared/links', 'src/widgets/shared/links')).toMatch(/lab\//);
    expect(layerProblem('lab/x.ts', '../src/components/lesson/figures', 'src/components/lesson/figures')).toMatch(
      /lab\//,
    );
  });

  it('keeps the whole site off lab/: shared values live in src/lab-protocol', () => {
    expect(layerProblem('src/components/lesson/facts.ts', '../../../lab/config', 'lab/config')).toMatch(/lab-protocol/);
    expect(layerProblem('src/widgets/x/X.tsx', '../../../lab/config', 'lab/config')).toMatch(/never imports lab/);
    expect(layerProblem('src/pages/index.astro', '../../lab/server', 'lab/server')).toMatch(/never imports lab/);
    expect(
      layerProblem('src/components/lesson/facts.ts', '../../lab-protocol/defaults', 'src/lab-protocol/defaults'),
    ).toBe(undefined);
    expect(layerProblem('scripts/build.ts', '../lab/config', 'lab/config')).toBeUndefined();
  });

  it('keeps the lab protocol module on the core only', () => {
    expect(layerProblem('src/lab-protocol/discovery.ts', './served-by', 'src/lab-protocol/served-by')).toBeUndefined();
    expect(layerProblem('src/lab-protocol/a.ts', '../protocol/hex', 'src/protocol/hex')).toBeUndefined();
    expect(layerProblem('src/lab-protocol/a.ts', '../site/base', 'src/site/base')).toMatch(
      /imports only src\/protocol/,
    );
    expect(layerProblem('src/lab-protocol/a.ts', '../widgets/shared/x', 'src/widgets/shared/x')).toMatch(
      /imports only src\/protocol/,
    );
    expect(layerProblem('src/lab-protocol/a.ts', 'node:http', undefined)).toMatch(/Node built-in/);
  });

  it('keeps exercises below widgets and components, and widgets apart', () => {
    expect(layerProblem('src/exercises/a.ts', '../widgets/x', 'src/widgets/x')).toMatch(/never imports/);
    expect(layerProblem('src/exercises/a.ts', '../protocol', 'src/protocol')).toBeUndefined();
    expect(layerProblem('src/widgets/nagle/N.tsx', '../shared/plot/axes', 'src/widgets/shared/plot/axes')).toBe(
      undefined,
    );
    expect(layerProblem('src/widgets/nagle/N.tsx', './model', 'src/widgets/nagle/model')).toBeUndefined();
    expect(layerProblem('src/widgets/nagle/N.tsx', '../bits/x.css', 'src/widgets/bits/x.css')).toMatch(/sibling/);
    expect(layerProblem('src/widgets/shared/a.ts', '../nagle/model', 'src/widgets/nagle/model')).toMatch(/shared/);
  });
});

describe('npm run lint, with the project config', () => {
  it('fails Node, the DOM and other layers in src/protocol', async () => {
    const messages = await lint(
      'src/protocol/websocket/probe.ts',
      [
        "import { inflateRawSync } from 'node:zlib';",
        "import { labOrigins } from '../../lab-protocol/discovery';",
        'export const a = [inflateRawSync, labOrigins];',
        "export const b = Buffer.from('x');",
        'export const c = document.title + window.name + process.pid;',
      ].join('\n'),
    );
    expect(messages.filter((m) => m.startsWith('wire/layers'))).toHaveLength(2);
    expect(messages.filter((m) => m.startsWith('no-restricted-globals'))).toHaveLength(4);
  });

  it('fails a sibling widget import, a lab import of a widget and an exercise import of a component', async () => {
    expect(await lint('src/widgets/nagle/probe.ts', "import '../bits/bits.css';")).toEqual([
      expect.stringMatching(/^wire\/layers: .*sibling widget \(here: bits\)/),
    ]);
    expect(await lint('lab/probe.ts', "export { decoderHref } from '../src/widgets/shared/links';")).toEqual([
      expect.stringMatching(/^wire\/layers: .*lab\/ imports only/),
    ]);
    expect(
      await lint('src/exercises/probe.ts', "export const load = () => import('../components/lesson/figures');"),
    ).toEqual([expect.stringMatching(/^wire\/layers: .*never imports src\/widgets or src\/components/)]);
  });

  it('passes imports that point down', async () => {
    expect(
      await lint(
        'src/widgets/nagle/probe.ts',
        "import { toHex } from '../../protocol/hex';\nimport '../shared/controls.css';\nexport const f = toHex;",
      ),
    ).toEqual([]);
  });

  it('reports a listed exception that no longer matches an import, so the list only shrinks', async () => {
    const exception = { from: 'src/exercises/probe.ts', to: 'src/components/lesson/tcp-lesson', why: 'a test' };
    const withException = new ESLint({
      cwd: root,
      overrideConfig: { rules: { 'wire/layers': ['error', { root, protocolPackages: [], exceptions: [exception] }] } },
    });
    const lintWith = async (code: string) =>
      ((await withException.lintText(code, { filePath: `${root}src/exercises/probe.ts` }))[0]?.messages ?? []).map(
        (m) => `${m.ruleId}: ${m.message}`,
      );
    expect(await lintWith("export { groupInt } from '../components/lesson/tcp-lesson';")).toEqual([]);
    expect(await lintWith('export const nothing = 0;')).toEqual([
      expect.stringMatching(/^wire\/layers: The layer exception .* remove it/),
    ]);
  });

  it('fails the DOM and Node globals in src/explain', async () => {
    const messages = await lint('src/explain/probe.ts', 'export const c = document.title + Buffer.from("x").length;');
    expect(messages.filter((m) => m.startsWith('no-restricted-globals'))).toHaveLength(2);
  });
});
