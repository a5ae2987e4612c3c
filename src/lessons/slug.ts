/** `08-websocket-framing.mdx` → `websocket-framing`: the number orders files on disk, not URLs. */
export function lessonSlug(fileName: string): string {
  const base = fileName.split('/').pop() ?? fileName;
  return base.replace(/\.mdx?$/, '').replace(/^\d+[-_]/, '');
}
