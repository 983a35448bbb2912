import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveStatic } from './static-files';

const root = path.resolve('/srv/app');

describe('resolveStatic', () => {
  it('maps paths inside the root', () => {
    expect(resolveStatic(root, '/index.html')).toBe(path.join(root, 'index.html'));
    expect(resolveStatic(root, '/assets/a%20b.js')).toBe(path.join(root, 'assets', 'a b.js'));
    expect(resolveStatic(root, '/')).toBe(root);
  });

  it.each(['/../etc/passwd', '/assets/../../etc/passwd', '/%2e%2e/etc/passwd', '/%2E%2E%2Fetc%2Fpasswd', '/a%00b', '/..%5c..%5cwin.ini', '/%E0%A4%A'])(
    'refuses %s',
    (p) => {
      expect(resolveStatic(root, p)).toBeNull();
    },
  );
});
