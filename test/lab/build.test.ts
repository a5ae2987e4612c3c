import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { staleReason } from '../../lab/build';

describe('staleReason (npm start builds only when needed)', () => {
  let root: string;
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  function project(): string {
    root = mkdtempSync(join(tmpdir(), 'lab-build-'));
    mkdirSync(join(root, 'src', 'deep'), { recursive: true });
    writeFileSync(join(root, 'src', 'deep', 'page.ts'), 'x');
    writeFileSync(join(root, 'package.json'), '{}');
    return root;
  }
  const at = (path: string, seconds: number) => utimesSync(path, seconds, seconds);

  it('wants a build when dist/ has no index.html', () => {
    expect(staleReason(project(), 'dist')).toBe('dist/ has no index.html');
  });

  it('is satisfied when the build is newer than every source', () => {
    project();
    mkdirSync(join(root, 'dist'));
    writeFileSync(join(root, 'dist', 'index.html'), '');
    at(join(root, 'src', 'deep', 'page.ts'), 1000);
    at(join(root, 'src', 'deep'), 1000);
    at(join(root, 'src'), 1000);
    at(join(root, 'package.json'), 1000);
    at(join(root, 'dist', 'index.html'), 2000);
    expect(staleReason(root, 'dist')).toBeNull();
    at(join(root, 'src', 'deep', 'page.ts'), 3000); // a nested source changed after the build
    expect(staleReason(root, 'dist')).toBe('src changed since the last build');
  });
});
