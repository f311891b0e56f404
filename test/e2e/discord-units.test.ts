/**
 * Unit tests of the Discord adapter's pure parts (formatting and limits, mention stripping,
 * cooldown, progress throttling, permission check, command comparison, error sanitising). They
 * live beside the end-to-end tests because `test/e2e/` is the Discord adapter's test folder.
 */
import { describe, expect, it, vi } from 'vitest';
import { PermissionFlagsBits, type APIEmbed } from 'discord.js';
import {
  LIMITS,
  cut,
  embedLength,
  escapeAndCut,
  fitEmbed,
  fitLines,
  formatAnswer,
  formatCooldown,
  formatReindexProgress,
  formatReindexReport,
  formatSources,
  formatSummary,
  relativeTime,
} from '../../src/discord/format.ts';
import { documentChoices } from '../../src/discord/document-choices.ts';
import { cleanQuestionText, mentionsBot } from '../../src/discord/question-text.ts';
import { Cooldowns } from '../../src/discord/cooldown.ts';
import { ThrottledEditor } from '../../src/discord/throttle.ts';
import { canReindex } from '../../src/discord/permissions.ts';
import { commandsDiffer } from '../../src/discord/commands/sync.ts';
import { commandDefinitions } from '../../src/discord/commands/index.ts';
import { describeError, isTokenRejected, sanitize } from '../../src/discord/errors.ts';
import { restApiBase } from '../../src/discord/bot.ts';
import { prepareQuestion } from '../../src/discord/replies.ts';
import type { Answer, Excerpt } from '../../src/search/types.ts';
import type { IndexInfo } from '../../src/service/document-qa.ts';
import { loadConfig } from '../../src/config.ts';

function excerpt(overrides: Partial<Excerpt> = {}): Excerpt {
  return {
    text: 'The lamp is lit at sunset. It burns until dawn.',
    kind: 'prose',
    parts: [{ kind: 'paragraph', text: 'The lamp is lit at sunset. It burns until dawn.' }],
    source: 'guide/lighthouse.md',
    location: 'paragraph 3',
    score: 1,
    title: 'Lighthouse Manual',
    paragraph: 3,
    start: 0,
    end: 10,
    ...overrides,
  };
}

function assertEmbedValid(embed: APIEmbed): void {
  expect(embed.title?.length ?? 0).toBeLessThanOrEqual(LIMITS.embedTitle);
  expect(embed.description?.length ?? 0).toBeLessThanOrEqual(LIMITS.embedDescription);
  expect(embed.footer?.text.length ?? 0).toBeLessThanOrEqual(LIMITS.footer);
  expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(LIMITS.fields);
  for (const field of embed.fields ?? []) {
    expect(field.name.length).toBeLessThanOrEqual(LIMITS.fieldName);
    expect(field.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
    expect(field.name.length).toBeGreaterThan(0);
    expect(field.value.length).toBeGreaterThan(0);
  }
  expect(embedLength(embed)).toBeLessThanOrEqual(LIMITS.embedTotal);
}

describe('cut', () => {
  it('keeps short text as it is', () => {
    expect(cut('Short.', 10)).toBe('Short.');
  });
  it('cuts at the last sentence end that fits, without an ellipsis', () => {
    expect(cut('First sentence here. Second sentence is longer than the room.', 40)).toBe('First sentence here.');
  });
  it('falls back to a word boundary with …', () => {
    const result = cut('one two three four five six seven eight nine ten', 20);
    expect(result).toBe('one two three four…');
    expect(result.length).toBeLessThanOrEqual(20);
  });
  it('cuts hard (with …) when there is no space, and never splits an emoji', () => {
    expect(cut('abcdefghijklmnopqrstuvwxyz', 10)).toBe('abcdefghi…');
    const emoji = '😀'.repeat(10);
    const result = cut(emoji, 6);
    expect(result.length).toBeLessThanOrEqual(6);
    expect(result).toBe('😀😀…');
  });
});

describe('escaping', () => {
  it('escapes markdown, headings, lists and masked links in document text', () => {
    expect(escapeAndCut('**bold** _it_ [x](http://e.com)', 100)).toBe('\\*\\*bold\\*\\* \\_it\\_ \\[x\\](<http://e.com>)');
    expect(escapeAndCut('# Heading', 100)).toBe('\\# Heading');
  });
  it('never splits an escape sequence when cutting', () => {
    const text = '*'.repeat(50);
    const result = escapeAndCut(text, 21);
    expect(result.length).toBeLessThanOrEqual(21);
    expect(result.replace('…', '')).toMatch(/^(\\\*)+$/);
  });
});

describe('formatAnswer', () => {
  it('numbers the excerpts, cites title, source and location, and shows the mode in the footer', () => {
    const answer: Answer = {
      question: 'When is the lamp lit?',
      answered: true,
      mode: 'hybrid',
      excerpts: [excerpt(), excerpt({ text: 'Fog signal every 30 s.', title: 'Fog', source: 'fog.txt', location: 'paragraph 1' })],
    };
    const { embeds, content } = formatAnswer(answer);
    expect(content).toBeUndefined();
    const embed = embeds?.[0];
    expect(embed?.title).toBe('When is the lamp lit?');
    expect(embed?.fields?.[0]?.name).toBe('1. Lighthouse Manual');
    expect(embed?.fields?.[0]?.value).toContain('> The lamp is lit at sunset.');
    expect(embed?.fields?.[0]?.value).toContain('guide/lighthouse.md, paragraph 3');
    expect(embed?.fields?.[1]?.name).toBe('2. Fog');
    expect(embed?.footer?.text).toContain('hybrid');
    assertEmbedValid(embed!);
  });
  it('shows a declined answer by its message', () => {
    const { content, embeds } = formatAnswer({ question: 'x', answered: false, mode: 'lexical', excerpts: [], message: 'Nothing **found**.' });
    expect(content).toBe('Nothing \\*\\*found\\*\\*.');
    expect(embeds).toBeUndefined();
  });
  it('respects every embed limit with huge excerpts, titles and many of them', () => {
    const long = 'A sentence about lighthouses that goes on. '.repeat(200);
    const answer: Answer = {
      question: 'q'.repeat(3000),
      answered: true,
      mode: 'lexical',
      excerpts: Array.from({ length: 30 }, (_, i) => excerpt({ text: long, title: `T${i} ${'x'.repeat(400)}`, source: `${'d/'.repeat(200)}f${i}.md` })),
    };
    const embed = formatAnswer(answer).embeds?.[0];
    assertEmbedValid(embed!);
    expect(embed?.fields?.length).toBeGreaterThan(0);
  });
});

describe('fitEmbed and fitLines', () => {
  it('brings a 25-field embed of 1,024-character values under 6,000 characters', () => {
    const embed = fitEmbed({
      title: 't'.repeat(300),
      description: 'word '.repeat(1000),
      fields: Array.from({ length: 30 }, (_, i) => ({ name: `n${i}`.repeat(200), value: 'v '.repeat(800) })),
      footer: { text: 'f'.repeat(3000) },
    });
    assertEmbedValid(embed);
  });
  it('lists what fits and says how many more there are', () => {
    const lines = Array.from({ length: 100 }, (_, i) => `• file-${i}.bin — unsupported format`);
    const text = fitLines(lines, 300);
    expect(text.length).toBeLessThanOrEqual(300);
    expect(text).toMatch(/…and \d+ more$/);
    expect(fitLines(['a', 'b'], 100)).toBe('a\nb');
  });
});

describe('other replies', () => {
  const info: IndexInfo = {
    mode: 'lexical',
    model: null,
    modelWarning: 'Embedding model "Xenova/all-MiniLM-L6-v2" is unavailable: the model host could not be reached.',
    builtAt: '2024-01-05T10:00:00.000Z',
    documents: [
      { source: 'b.md', title: 'Bravo', passages: 3 },
      { source: 'a.txt', title: 'a.txt', passages: 1 },
    ],
    passages: 4,
    skipped: [{ source: 'x.pdf', reason: 'unsupported format' }],
  };
  it('formats /sources with passage counts, mode and a relative Discord timestamp', () => {
    const embed = formatSources(info).embeds?.[0];
    expect(embed?.description).toBe('• a.txt · 1 passage\n• **Bravo** — b.md · 3 passages');
    const built = embed?.fields?.find((field) => field.name === 'Built');
    expect(built?.value).toBe(`<t:${Date.parse(info.builtAt) / 1000}:R>`);
    expect(relativeTime(info.builtAt)).toMatch(/^<t:\d+:R>$/);
    expect(embed?.fields?.find((field) => field.name === 'Why word matching only')?.value).toMatch(/could not be reached/);
    assertEmbedValid(embed!);
  });
  it('formats a summary with citations', () => {
    const embed = formatSummary(
      { source: 'b.md', sentences: [{ text: 'First.', source: 'b.md', location: 'paragraph 1' }] },
      info.documents,
    ).embeds?.[0];
    expect(embed?.title).toBe('Summary of Bravo');
    expect(embed?.description).toBe('1. First. — *b.md, paragraph 1*');
  });
  it('formats reindex progress and the report with skipped files truncated to fit', () => {
    expect(formatReindexProgress({ phase: 'embedding', done: 5, total: 10 })).toContain('Embedding passages 5/10 (50%)');
    const report = formatReindexReport({
      documents: 2,
      passages: 4,
      mode: 'lexical',
      durationMs: 1234,
      skipped: Array.from({ length: 200 }, (_, i) => ({ source: `big-${i}.txt`, reason: 'too large (1 bytes; the limit is 0)' })),
      modelWarning: 'model missing',
    });
    const embed = report.embeds?.[0];
    assertEmbedValid(embed!);
    const skipped = embed?.fields?.find((field) => field.name.startsWith('Skipped files (200)'));
    expect(skipped?.value).toContain('big-0.txt — too large');
    expect(skipped?.value).toMatch(/…and \d+ more$/);
    expect(embed?.fields?.find((field) => field.name === 'Duration')?.value).toBe('1.2 s');
  });
  it('rounds the cooldown up to whole seconds', () => {
    expect(formatCooldown(2.1)).toBe('Please wait 3 s before asking another question.');
  });
  it('offers at most 25 autocomplete choices matching source or title, within 100 characters', () => {
    const documents = Array.from({ length: 40 }, (_, i) => ({ source: `notes/doc-${i}.md`, title: `Note ${i} ${'x'.repeat(150)}`, passages: 1 }));
    documents.push({ source: 'zebra.md', title: 'Zebras', passages: 2 });
    const all = documentChoices(documents, '');
    expect(all).toHaveLength(25);
    for (const choice of all) {
      expect(choice.name.length).toBeLessThanOrEqual(100);
      expect(choice.value.length).toBeLessThanOrEqual(100);
    }
    expect(documentChoices(documents, 'zeb')).toEqual([{ name: 'Zebras (zebra.md)', value: 'zebra.md' }]);
    expect(documentChoices(documents, 'ZEBRAS')[0]?.value).toBe('zebra.md');
    expect(documentChoices(documents, 'nothing-like-this')).toEqual([]);
  });
});

describe('mentions and questions', () => {
  const bot = { userId: '111111111111111111', roleIds: ['222222222222222222'] };
  it('recognises user, nickname and managed-role mentions, not @everyone', () => {
    expect(mentionsBot('<@111111111111111111> hi', bot)).toBe(true);
    expect(mentionsBot('hi <@!111111111111111111>', bot)).toBe(true);
    expect(mentionsBot('<@&222222222222222222> hi', bot)).toBe(true);
    expect(mentionsBot('@everyone hi', bot)).toBe(false);
    expect(mentionsBot('<@333333333333333333> hi', bot)).toBe(false);
  });
  it('strips mentions, custom emoji and markup before validating', () => {
    expect(cleanQuestionText('<@111111111111111111>   when is the <:lamp:123456> lamp lit? @here', bot)).toBe('when is the lamp lit?');
    expect(cleanQuestionText('who lit [the lamp](https://evil.example/x) see https://example.com/a?b=1 and <https://example.com/c>', bot)).toBe('who lit the lamp see and');
    const emojiOnly = prepareQuestion('<@111111111111111111> 🎉🎉', 500, bot);
    expect(emojiOnly).toMatchObject({ ok: false });
    const mentionsOnly = prepareQuestion('<@111111111111111111> <@333333333333333333> <#444444444444444444>', 500, bot);
    expect(mentionsOnly).toMatchObject({ ok: false, message: expect.stringContaining('empty') });
    expect(prepareQuestion('x'.repeat(501), 500)).toMatchObject({ ok: false, message: expect.stringContaining('500') });
    expect(prepareQuestion('  lamp   lit ', 500)).toEqual({ ok: true, question: 'lamp lit' });
  });
});

describe('cooldown', () => {
  it('refuses a second question within the window, per user, and 0 turns it off', () => {
    let now = 1000;
    const cooldowns = new Cooldowns(5, () => now);
    expect(cooldowns.take('a')).toEqual({ ok: true });
    now += 2000;
    expect(cooldowns.take('a')).toEqual({ ok: false, retryAfterSeconds: 3 });
    expect(cooldowns.take('b')).toEqual({ ok: true });
    now += 3000;
    expect(cooldowns.take('a')).toEqual({ ok: true });
    const off = new Cooldowns(0);
    expect(off.take('a')).toEqual({ ok: true });
    expect(off.take('a')).toEqual({ ok: true });
  });
});

describe('ThrottledEditor', () => {
  it('sends the first update at once, coalesces the rest, and never edits after finish()', async () => {
    // Fake timers: the throttle's clock is the test's, so a loaded machine cannot reorder it.
    vi.useFakeTimers();
    try {
      const edits: string[] = [];
      const editor = new ThrottledEditor(async (text) => {
        edits.push(text);
      }, 100);
      editor.push('one');
      editor.push('two');
      editor.push('three');
      await vi.advanceTimersByTimeAsync(10);
      expect(edits).toEqual(['one']);
      await vi.advanceTimersByTimeAsync(150);
      expect(edits).toEqual(['one', 'three']);
      editor.push('four');
      await editor.finish();
      editor.push('five');
      await vi.advanceTimersByTimeAsync(150);
      expect(edits).toEqual(['one', 'three']);
    } finally {
      vi.useRealTimers();
    }
  });
  it('reports a failed edit and goes on', async () => {
    const errors: unknown[] = [];
    const editor = new ThrottledEditor(async () => {
      throw new Error('nope');
    }, 0, (error) => errors.push(error));
    editor.push('a');
    await editor.finish();
    expect(errors).toHaveLength(1);
  });
});

describe('canReindex', () => {
  const config = { adminUserIds: ['10001'], adminRoleIds: ['20002'] };
  it('allows Manage Server, Administrator, listed users and listed roles only', () => {
    expect(canReindex({ userId: '1', permissions: PermissionFlagsBits.ManageGuild, roleIds: [] }, config)).toBe(true);
    expect(canReindex({ userId: '1', permissions: PermissionFlagsBits.Administrator, roleIds: [] }, config)).toBe(true);
    expect(canReindex({ userId: '10001', permissions: 0n, roleIds: [] }, config)).toBe(true);
    expect(canReindex({ userId: '1', permissions: 0n, roleIds: ['20002'] }, config)).toBe(true);
    expect(canReindex({ userId: '1', permissions: PermissionFlagsBits.SendMessages, roleIds: ['3'] }, config)).toBe(false);
    expect(canReindex({ userId: '1', permissions: null, roleIds: [] }, config)).toBe(false);
  });
});

describe('command definitions and sync', () => {
  const config = loadConfig({}, { env: { MAX_QUESTION_CHARS: '300' }, cwd: '/tmp' });
  const definitions = commandDefinitions(config);
  it('defines /ask, /summary, /reindex, /sources and /stats as required', () => {
    expect(definitions.map((d) => d.name).sort()).toEqual(['ask', 'reindex', 'sources', 'stats', 'summary']);
    const ask = definitions.find((d) => d.name === 'ask');
    expect(ask?.options?.[0]).toMatchObject({ name: 'question', type: 3, required: true, max_length: 300 });
    const summary = definitions.find((d) => d.name === 'summary');
    expect(summary?.options?.[0]).toMatchObject({ name: 'document', autocomplete: true });
    const reindex = definitions.find((d) => d.name === 'reindex');
    expect(reindex?.default_member_permissions).toBe(String(PermissionFlagsBits.ManageGuild));
    expect(reindex?.dm_permission).toBe(false);
    expect(reindex?.contexts).toEqual([0]);
    const stats = definitions.find((d) => d.name === 'stats');
    expect(stats?.default_member_permissions).toBe(String(PermissionFlagsBits.ManageGuild));
    expect(stats?.dm_permission).toBe(false);
  });
  it('sees no difference once Discord has added its defaults, and sees a changed option', () => {
    const registered = definitions.map((d, i) => ({
      ...d,
      id: String(900 + i),
      application_id: '1',
      version: '1',
      nsfw: false,
      default_member_permissions: d.default_member_permissions ?? null,
      options: (d.options ?? []).map((o) => ({ required: false, ...o })),
    }));
    expect(commandsDiffer(registered, definitions)).toBe(false);
    expect(commandsDiffer(registered.slice(1), definitions)).toBe(true);
    const other = commandDefinitions(loadConfig({}, { env: { MAX_QUESTION_CHARS: '400' }, cwd: '/tmp' }));
    expect(commandsDiffer(registered, other)).toBe(true);
  });
  it('ignores contexts, integration types and dm_permission for guild commands (Discord keeps none)', () => {
    const registered = definitions.map((d, i) => {
      const { dm_permission: _dm, ...rest } = d;
      return { ...rest, id: String(i), guild_id: '5', contexts: null, integration_types: [0] };
    });
    expect(commandsDiffer(registered, definitions, 'guild')).toBe(false);
    expect(commandsDiffer(registered, definitions, 'global')).toBe(true);
  });
});

describe('errors and configuration', () => {
  it('hides interaction tokens and token-shaped strings', () => {
    const url = 'http://127.0.0.1/api/v10/webhooks/123/aW50ZXJhY3Rpb246MTIz-secret/messages/@original';
    expect(sanitize(url)).toBe('http://127.0.0.1/api/v10/webhooks/123/[token]/messages/@original');
    expect(sanitize('POST /interactions/55/tok-en_1/callback')).toBe('POST /interactions/55/[token]/callback');
    expect(sanitize('Authorization: Bot abc.def.ghi')).toBe('Authorization: Bot [redacted]');
    expect(sanitize('x MTAxMDEwMTAxMDEwMTAxMDEwMQ.GaBcDe.abcdefghijklmnopqrstuvwxyz0123 y')).toBe('x [redacted] y');
    expect(describeError(new Error('boom'))).toBe('Error: boom');
  });
  it('recognises a rejected token', () => {
    expect(isTokenRejected(Object.assign(new Error('An invalid token was provided.'), { code: 'TokenInvalid' }))).toBe(true);
    expect(isTokenRejected(new Error('Authentication failed'))).toBe(true);
    expect(isTokenRejected(new Error('ECONNREFUSED'))).toBe(false);
  });
  it('derives the REST base discord.js wants from DISCORD_API_BASE', () => {
    expect(restApiBase(undefined)).toBeUndefined();
    expect(restApiBase('http://127.0.0.1:9/api')).toBe('http://127.0.0.1:9/api');
    expect(restApiBase('http://127.0.0.1:9/api/')).toBe('http://127.0.0.1:9/api');
    expect(restApiBase('http://127.0.0.1:9/api/v10')).toBe('http://127.0.0.1:9/api');
    expect(restApiBase('http://127.0.0.1:9/api/v10/')).toBe('http://127.0.0.1:9/api');
  });
});
