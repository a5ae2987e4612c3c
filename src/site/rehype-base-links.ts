/**
 * A rehype step that puts the base path in front of every internal link and image in the lessons, so lesson
 * authors keep writing `[framing](/lessons/websocket-framing/)` and the link still works under '/wire-notebook/'.
 * Handles plain HTML elements and MDX JSX elements (`<a href="/tools/">` written in a lesson).
 */
import { withBase } from './base-path';

interface Node {
  type: string;
  tagName?: string;
  name?: string | null;
  properties?: Record<string, unknown>;
  attributes?: Array<{ type: string; name?: string; value?: unknown }>;
  children?: Node[];
}

const URL_ATTRIBUTES: Record<string, string> = { a: 'href', img: 'src', source: 'src', link: 'href' };

function visit(node: Node, base: string): void {
  const attr = URL_ATTRIBUTES[node.tagName ?? node.name ?? ''];
  if (attr !== undefined && node.type === 'element' && typeof node.properties?.[attr] === 'string') {
    node.properties[attr] = withBase(node.properties[attr], base);
  }
  if (attr !== undefined && (node.type === 'mdxJsxTextElement' || node.type === 'mdxJsxFlowElement')) {
    for (const a of node.attributes ?? []) {
      if (a.type === 'mdxJsxAttribute' && a.name === attr && typeof a.value === 'string') {
        a.value = withBase(a.value, base);
      }
    }
  }
  for (const child of node.children ?? []) visit(child, base);
}

/** The plugin: `rehypePlugins: [[rehypeBaseLinks, { base: '/wire-notebook/' }]]`. */
export function rehypeBaseLinks(options: { base: string }) {
  return (tree: Node) => visit(tree, options.base);
}
