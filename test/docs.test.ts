import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { registry } from '../machines/index.js';
import { projectRoot } from '../server/config.js';

// The documentation is read by people following its links: every relative link and anchor must
// lead somewhere, the README stays a front door, and every machine the catalogue runs has its page.

const docsDir = path.join(projectRoot, 'docs');

function markdownFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return markdownFiles(full);
    return entry.name.endsWith('.md') ? [full] : [];
  });
}

const documents = [path.join(projectRoot, 'README.md'), ...markdownFiles(docsDir)];

/** The text outside fenced code blocks and inline code, where a link is a link. */
function prose(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/`[^`\n]*`/g, '');
}

/** Link targets of `[text](target)` and `![alt](target)`, without a title. */
function linkTargets(markdown: string): string[] {
  return [...prose(markdown).matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map(
    (m) => m[1] as string,
  );
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens; repeats numbered. */
function anchorsOf(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const match of prose(markdown).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const base = (match[1] as string)
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

const isExternal = (target: string) => /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//');

/** Every relative link of a document that does not resolve, with why. */
function brokenLinks(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const broken: string[] = [];
  for (const target of linkTargets(text)) {
    if (isExternal(target)) continue;
    const [pathPart = '', anchor] = target.split('#', 2);
    const resolved = pathPart ? path.resolve(path.dirname(file), decodeURI(pathPart)) : file;
    if (!fs.existsSync(resolved)) {
      broken.push(`${target}: no file ${path.relative(projectRoot, resolved)}`);
      continue;
    }
    if (anchor && resolved.endsWith('.md') && !anchorsOf(fs.readFileSync(resolved, 'utf8')).has(anchor))
      broken.push(`${target}: no heading with the anchor #${anchor}`);
  }
  return broken;
}

describe('the documentation', () => {
  it.each(documents.map((file) => [path.relative(projectRoot, file), file]))(
    '%s has no broken relative link or anchor',
    (_name, file) => {
      expect(brokenLinks(file)).toEqual([]);
    },
  );

  it('keeps the README a front door of at most 250 lines', () => {
    const lines = fs.readFileSync(path.join(projectRoot, 'README.md'), 'utf8').trimEnd().split('\n');
    expect(lines.length).toBeLessThanOrEqual(250);
  });

  it('has one page under docs/processes for each machine the catalogue registers, and no other', () => {
    const pages = fs
      .readdirSync(path.join(docsDir, 'processes'))
      .filter((name) => name.endsWith('.md'))
      .map((name) => name.slice(0, -'.md'.length))
      .sort();
    expect(pages).toEqual([...registry.ids()].sort());
  });

  it('finds a broken link, a missing anchor and a link inside code for what they are', () => {
    const dir = fs.mkdtempSync(path.join(docsDir, '.probe-'));
    try {
      const probe = path.join(dir, 'probe.md');
      fs.writeFileSync(path.join(dir, 'other.md'), '# A heading, with punctuation\n## A heading, with punctuation\n');
      fs.writeFileSync(
        probe,
        [
          '[ok](other.md#a-heading-with-punctuation-1) [here](#probe) [web](https://example.com/x.md)',
          '[gone](missing.md) [no anchor](other.md#nowhere) `[code](not-a-link.md)`',
          '```sh',
          '[fenced](also-not-a-link.md)',
          '```',
          '# Probe',
        ].join('\n'),
      );
      expect(brokenLinks(probe)).toEqual([
        `missing.md: no file ${path.relative(projectRoot, path.join(dir, 'missing.md'))}`,
        'other.md#nowhere: no heading with the anchor #nowhere',
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
