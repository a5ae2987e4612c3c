// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import react from '@astrojs/react';
import { transformerMetaHighlight } from '@shikijs/transformers';
import { normaliseBase } from './src/site/base-path';
import { rehypeBaseLinks } from './src/site/rehype-base-links';

// Where the site is served: '/' by the lab, e.g. '/wire-notebook/' on a GitHub Pages project site (docs/deploy.md).
const base = normaliseBase(process.env.BASE_PATH);

export default defineConfig({
  // The deployed address; the lab serves the same build on http://127.0.0.1:8787.
  site: process.env.SITE_URL ?? 'http://127.0.0.1:8787',
  base,
  trailingSlash: 'always',
  integrations: [mdx(), react()],
  markdown: {
    // Lessons write internal links from the site root; this puts the base path in front of them.
    rehypePlugins: [[rehypeBaseLinks, { base }]],
    shikiConfig: {
      // Dual themes: colours for both are inlined as CSS variables; global.css picks one. The *-default variants:
      // github-light's orange (3.5:1) and github-dark's comments (3:1) fail WCAG AA contrast.
      themes: { light: 'github-light-default', dark: 'github-dark-default' },
      defaultColor: false,
      transformers: [transformerMetaHighlight()],
    },
  },
  vite: {
    worker: { format: 'es' },
  },
});
