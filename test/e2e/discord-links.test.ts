/**
 * Links and safety in what the bot says: no masked link from document text survives, however many
 * share a line; bare URLs do not unfurl; citation links come only from document metadata; and
 * autocomplete values stay unique and usable whatever the length of the paths.
 */
import { describe, expect, it } from 'vitest';
import { escapeMarkdown } from 'discord.js';
import { documentChoices, resolveDocumentChoice } from '../../src/discord/document-choices.ts';
import { escapeText, formatAnswer, formatCitation } from '../../src/discord/format.ts';
import type { Answer, Excerpt } from '../../src/search/types.ts';
import { liveMaskedLinks } from './markdown-links.ts';

const HOSTILE =
  'See [the map page](https://evil.example/map) or [the mirror](https://evil.example/mirror) and [a third](<https://evil.example/3>), details at https://evil.example/bare.';

describe('masked links in document text', () => {
  it('shows why discord.js escapeMarkdown alone is not enough: the second link of a line stays live', () => {
    expect(liveMaskedLinks(HOSTILE)).toHaveLength(3);
    expect(liveMaskedLinks(escapeMarkdown(HOSTILE, { maskedLink: true })).length).toBeGreaterThan(0);
  });

  it('neutralises three masked links on one line and wraps the bare URL so it does not unfurl', () => {
    const shown = escapeText(HOSTILE);
    expect(liveMaskedLinks(shown)).toEqual([]);
    expect(shown).toContain('<https://evil.example/bare>');
    expect(shown).not.toMatch(/(?<!<)https:\/\/evil\.example\/bare/);
    // The words are all still there for the reader.
    expect(shown).toContain('the map page');
    expect(shown).toContain('the mirror');
  });

  it('cannot be tricked by a backslash written before the bracket', () => {
    expect(liveMaskedLinks(escapeText('\\[gotcha](https://evil.example) and \\\\[again](https://evil.example)'))).toEqual([]);
  });

  it('neutralises masked links inside an answer embed', () => {
    const excerpt: Excerpt = { text: HOSTILE, kind: 'prose', parts: [{ kind: 'paragraph', text: HOSTILE }], source: 'links.md', location: 'paragraph 1', score: 1, title: 'Links [x](https://evil.example/t)', paragraph: 1, start: 0, end: HOSTILE.length };
    const answer: Answer = { question: 'where [q](https://evil.example/q) is the map?', answered: true, mode: 'lexical', excerpts: [excerpt] };
    const embed = formatAnswer(answer).embeds?.[0];
    const text = [embed?.title ?? '', ...(embed?.fields ?? []).flatMap((field) => [field.name, field.value])].join('\n');
    expect(liveMaskedLinks(text)).toEqual([]);
  });
});

describe('citation links', () => {
  const excerpt: Excerpt = { text: 'x', kind: 'prose', parts: [{ kind: 'paragraph', text: 'x' }], source: 'guide/install.md', location: 'Install', score: 1, title: 'Install', paragraph: 1, start: 0, end: 1 };

  it('link to the document URL from its metadata, without a preview', () => {
    expect(formatCitation({ ...excerpt, url: 'https://docs.example.com/guide/install' })).toBe(
      '[guide/install.md, Install](<https://docs.example.com/guide/install>)',
    );
  });

  it('are plain text without a URL, or with one that is not http(s)', () => {
    expect(formatCitation(excerpt)).toBe('guide/install.md, Install');
    expect(formatCitation({ ...excerpt, url: 'javascript:alert(1)' })).toBe('guide/install.md, Install');
    expect(formatCitation({ ...excerpt, url: 'not a url' })).toBe('guide/install.md, Install');
  });

  it('cannot be closed early by a parenthesis in the URL', () => {
    const cited = formatCitation({ ...excerpt, url: 'https://docs.example.com/a_(b)>c' });
    expect(cited).toMatch(/\(<https:\/\/docs\.example\.com\/a_%28b%29%3Ec>\)$/);
  });
});

describe('autocomplete for long paths', () => {
  const shared = `archive/${'very-long-folder-name/'.repeat(6)}`;
  const documents = Array.from({ length: 30 }, (_, i) => ({ source: `${shared}chapter-${String(i).padStart(2, '0')}.md`, title: `Chapter ${i}`, passages: 3 }));

  it('gives unique values and names within 100 characters when paths share their first 100 characters', () => {
    expect(shared.length).toBeGreaterThan(100);
    const choices = documentChoices(documents, '');
    expect(choices).toHaveLength(25);
    expect(new Set(choices.map((choice) => choice.value)).size).toBe(25);
    expect(new Set(choices.map((choice) => choice.name)).size).toBe(25);
    for (const choice of choices) {
      expect(choice.name.length).toBeLessThanOrEqual(100);
      expect(choice.value.length).toBeLessThanOrEqual(100);
    }
  });

  it('gives values that lead back to their own document', () => {
    for (const choice of documentChoices(documents, 'chapter')) {
      const source = resolveDocumentChoice(choice.value, documents);
      expect(documents.some((doc) => doc.source === source)).toBe(true);
      expect(choice.name).toContain(source.slice(-12));
    }
  });

  it('makes names unique even when titles and path ends are the same', () => {
    const twins = [
      { source: `${shared}a/${'same-name/'.repeat(6)}index.md`, title: 'Index', passages: 1 },
      { source: `${shared}b/${'same-name/'.repeat(6)}index.md`, title: 'Index', passages: 1 },
    ];
    const choices = documentChoices(twins, '');
    expect(new Set(choices.map((choice) => choice.name)).size).toBe(2);
    expect(new Set(choices.map((choice) => choice.value)).size).toBe(2);
  });
});
