// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import react from '@astrojs/react';
import { transformerMetaHighlight } from '@shikijs/transformers';

export default defineConfig({
  // The deployed address; the lab serves the same build on http://127.0.0.1:8787.
  site: process.env.SITE_URL ?? 'http://127.0.0.1:8787',
  trailingSlash: 'always',
  integrations: [mdx(), react()],
  markdown: {
    shikiConfig: {
      // Dual themes: colours for both are inlined as CSS variables; global.css picks one. github-dark-default, not
      // github-dark: the latter's comment colour fails WCAG AA contrast (about 3:1).
      themes: { light: 'github-light', dark: 'github-dark-default' },
      defaultColor: false,
      transformers: [transformerMetaHighlight()],
    },
  },
  vite: {
    worker: { format: 'es' },
  },
});
