import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { startLab } from '../../lab/server';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

/** Serves the built site (npm test builds it first) through the lab on a free loopback port. */
export default async function setup(project: TestProject) {
  if (!existsSync('dist/index.html')) throw new Error('dist/ is missing: run `npm run build` before the e2e tests');
  const lab = await startLab({ port: 0, host: '127.0.0.1', siteDir: 'dist' });
  project.provide('baseUrl', lab.url);
  return () => lab.close();
}
