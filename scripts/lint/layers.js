/**
 * ESLint rule `wire/layers`: imports only point down the layers (docs/architecture.md).
 *
 *   src/protocol      imports nothing outside src/protocol; no Node built-ins; npm packages only from a list
 *   src/explain       protocol facts in words (labels, citations, formatting, figure rows): src/protocol only;
 *                     no Node built-ins, no packages, since pages, widgets, figures and exercises all use it
 *   src/lab-protocol  the lab's messages and lab discovery: src/protocol only, since both the lab and pages import it
 *   lab/              src/protocol and src/lab-protocol from the repository, never widgets or components
 *   src/exercises     never src/widgets or src/components
 *   src/widgets/X     never a sibling widget src/widgets/Y; shared parts live in src/widgets/shared
 *   src/ (all of it)  never lab/: the lab is a Node program; what pages and lab share lives in src/lab-protocol
 *
 * Relative imports are resolved against the importing file, so `../../widgets/x` is caught from anywhere.
 * Known exceptions are listed in eslint.config.js with the issue that removes them; an exception that no
 * longer matches an import is itself reported, so the list can only shrink.
 */
import { builtinModules } from 'node:module';
import path from 'node:path';

const BUILTINS = new Set(builtinModules);

/**
 * The area a repository path belongs to, or undefined when no layer rule applies to it.
 * @param {string} rel
 * @returns {{ kind: 'protocol' | 'explain' | 'lab-protocol' | 'lab' | 'exercises' } | { kind: 'widget', name: string } | undefined}
 */
export function areaOf(rel) {
  if (rel.startsWith('src/protocol/')) return { kind: 'protocol' };
  if (rel.startsWith('src/explain/')) return { kind: 'explain' };
  if (rel.startsWith('src/lab-protocol/')) return { kind: 'lab-protocol' };
  if (rel.startsWith('lab/')) return { kind: 'lab' };
  if (rel.startsWith('src/exercises/')) return { kind: 'exercises' };
  const widget = /^src\/widgets\/([^/]+)\//.exec(rel);
  if (widget) return { kind: 'widget', name: widget[1] };
  return undefined;
}

/** @param {string} rel */
function widgetOf(rel) {
  return /^src\/widgets\/([^/]+)\//.exec(rel)?.[1];
}

/**
 * Why `from` (a repository path) may not import `spec`, or undefined when it may. `target` is the repository
 * path a relative `spec` resolves to (without extension), undefined for a package.
 * @param {string} from
 * @param {string} spec
 * @param {string | undefined} target
 * @param {{ protocolPackages?: readonly string[] }} [options]
 * @returns {string | undefined}
 */
export function layerProblem(from, spec, target, { protocolPackages = [] } = {}) {
  const area = areaOf(from);
  if (from.startsWith('src/') && target !== undefined && (target === 'lab' || target.startsWith('lab/'))) {
    return 'the site never imports lab/ (a Node program); move what both need to src/lab-protocol';
  }
  if (area === undefined) return undefined;
  if (target === undefined) {
    if (area.kind === 'explain') {
      return `${spec}: src/explain imports only src/protocol, so every page, widget and figure can use it as is`;
    }
    if (area.kind !== 'protocol' && area.kind !== 'lab-protocol') return undefined;
    const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
    if (spec.startsWith('node:') || BUILTINS.has(name)) {
      return `${spec} is a Node built-in: the protocol core runs in browsers and workers too (no Node APIs)`;
    }
    if (!protocolPackages.includes(name)) {
      return `${name} is not on the list of pure packages the protocol core may use (protocolPackages in eslint.config.js)`;
    }
    return undefined;
  }
  const inside = (dir) => target === dir || target.startsWith(`${dir}/`);
  switch (area.kind) {
    case 'protocol':
      return inside('src/protocol') ? undefined : 'src/protocol imports nothing from the rest of the repository';
    case 'explain':
      return inside('src/explain') || inside('src/protocol')
        ? undefined
        : 'src/explain (protocol facts in words) imports only src/protocol: widgets, components and exercises sit above it';
    case 'lab-protocol':
      return inside('src/lab-protocol') || inside('src/protocol')
        ? undefined
        : 'src/lab-protocol (the lab message types) imports only src/protocol';
    case 'lab':
      return inside('lab') || inside('src/protocol') || inside('src/lab-protocol')
        ? undefined
        : 'lab/ imports only src/protocol and the lab message types (src/lab-protocol) from the repository';
    case 'exercises':
      return inside('src/widgets') || inside('src/components')
        ? 'src/exercises never imports src/widgets or src/components (they sit above it)'
        : undefined;
    case 'widget': {
      const other = widgetOf(`${target}/`);
      if (other === undefined || other === area.name || other === 'shared') return undefined;
      return area.name === 'shared'
        ? `src/widgets/shared imports no widget (here: ${other})`
        : `a widget does not import a sibling widget (here: ${other}); move the shared part to src/widgets/shared`;
    }
  }
}

/**
 * The repository path `spec` resolves to from `file`, without its extension; undefined for a package.
 * @param {string} root
 * @param {string} file
 * @param {string} spec
 */
export function resolveSpec(root, file, spec) {
  if (!spec.startsWith('.')) return undefined;
  const abs = path.resolve(path.dirname(file), spec);
  return path
    .relative(root, abs)
    .split(path.sep)
    .join('/')
    .replace(/\.(ts|tsx|js|mjs|astro)$/, '');
}

/** @type {import('eslint').Rule.RuleModule} */
export const layersRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports point down the layers only (docs/architecture.md)' },
    schema: [
      {
        type: 'object',
        properties: {
          root: { type: 'string' },
          protocolPackages: { type: 'array', items: { type: 'string' } },
          exceptions: {
            type: 'array',
            items: {
              type: 'object',
              properties: { from: { type: 'string' }, to: { type: 'string' }, why: { type: 'string' } },
              required: ['from', 'to', 'why'],
            },
          },
        },
        required: ['root'],
        additionalProperties: false,
      },
    ],
    messages: {
      layer: "Import of '{{spec}}' breaks a layer rule: {{problem}}.",
      staleException: "The layer exception for '{{to}}' ({{why}}) no longer matches an import here: remove it.",
    },
  },
  create(context) {
    const { root, protocolPackages = [], exceptions = [] } = context.options[0] ?? {};
    const from = path.relative(root, context.filename).split(path.sep).join('/');
    const mine = exceptions.filter((e) => e.from === from);
    const used = new Set();
    /** @param {any} source the import's source node */
    function check(source) {
      if (source === null || source === undefined || source.type !== 'Literal' || typeof source.value !== 'string') {
        return;
      }
      const spec = source.value;
      const target = resolveSpec(root, context.filename, spec);
      const problem = layerProblem(from, spec, target, { protocolPackages });
      if (problem === undefined) return;
      const exception = mine.find((e) => e.to === (target ?? spec));
      if (exception !== undefined) {
        used.add(exception);
        return;
      }
      context.report({ node: source, messageId: 'layer', data: { spec, problem } });
    }
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
      'Program:exit'(node) {
        for (const e of mine) {
          if (!used.has(e)) context.report({ node, messageId: 'staleException', data: e });
        }
      },
    };
  },
};
