/** The conversation files of `npm run bench:discord`: the committed sample, and a clear error for a bad file. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConversationFileError, MODES, parseConversations } from '../benchmarks/discord/conversations.ts';
import { PROJECT_ROOT } from './support/temp.ts';

describe('bench:discord conversation files', () => {
  it('the sample has at least 50 questions across every mode, with greetings, thanks and follow-ups', () => {
    const conversations = parseConversations(JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'benchmarks/data/discord-conversations.json'), 'utf8')));
    const turns = conversations.flatMap((conversation) => conversation.turns);
    expect(turns.filter((turn) => turn.expect === 'answer' || turn.expect === 'decline').length).toBeGreaterThanOrEqual(50);
    expect(new Set(conversations.map((conversation) => conversation.mode))).toEqual(new Set(MODES));
    expect(turns.some((turn) => turn.expect === 'silent')).toBe(true);
    expect(turns.some((turn) => turn.expect === 'reply')).toBe(true);
    expect(conversations.some((conversation) => (conversation.mode === 'forum' || conversation.mode === 'thread') && conversation.turns.length > 1)).toBe(true);
  });

  it('accepts a bare list with plain-text turns, and names what is wrong in a bad file', () => {
    expect(parseConversations([{ mode: 'dm', turns: ['hi'] }])).toEqual([{ mode: 'dm', member: 'member-1', turns: [{ say: 'hi' }] }]);
    expect(() => parseConversations({ conversations: [{ mode: 'carrier-pigeon', turns: ['hi'] }] })).toThrow(ConversationFileError);
    expect(() => parseConversations({ conversations: [{ mode: 'channel', turns: [{ say: 'q', expect: 'maybe' }] }] })).toThrow(/conversation 1, turn 1/);
  });
});
