import { describe, expect, it } from 'vitest';
import { formatExcerptBody } from '../src/discord/excerpt-body.ts';
import type { Excerpt } from '../src/search/types.ts';

function excerpt(parts: Excerpt['parts']): Excerpt {
  const text = parts.map((part) => part.text).join('\n');
  return { text, kind: 'prose', parts, source: 'guide.md', location: 'Install', score: 1, title: 'Guide', paragraph: 1, start: 0, end: text.length };
}

describe('an excerpt in a Discord reply', () => {
  it('shows code as a fenced block with its language and line breaks, after its quoted lead-in', () => {
    const body = formatExcerptBody(
      excerpt([
        { kind: 'paragraph', text: 'You can install PM2 via the following command:' },
        { kind: 'code', text: 'npm install pm2 -g\npm2 start app.js', language: 'sh' },
      ]),
      1000,
    );
    expect(body).toBe('> You can install PM2 via the following command:\n```sh\nnpm install pm2 -g\npm2 start app.js\n```');
  });

  it('shows list items as bullets, indented by depth, with their text escaped', () => {
    const body = formatExcerptBody(
      excerpt([
        { kind: 'paragraph', text: 'Steps:' },
        { kind: 'list-item', text: 'Open *settings*', depth: 0 },
        { kind: 'list-item', text: 'Pick a theme', depth: 1 },
      ]),
      1000,
    );
    expect(body.split('\n')).toEqual(['> Steps:', '> • Open \\*settings\\*', '> \u2003• Pick a theme']);
  });

  it('keeps a long code block to whole lines within the room, and never lets a fence inside it close the block', () => {
    const code = Array.from({ length: 40 }, (_, i) => `line ${i} \`\`\` x`).join('\n');
    const body = formatExcerptBody(excerpt([{ kind: 'code', text: code }]), 200);
    expect(body.length).toBeLessThanOrEqual(200);
    expect(body.startsWith('```\nline 0')).toBe(true);
    expect(body.endsWith('\n…\n```')).toBe(true);
    expect(body.slice(3, -3)).not.toContain('```');
  });
});
