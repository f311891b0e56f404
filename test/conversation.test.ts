import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyMessage } from '../src/search/conversation.ts';
import { DocumentQa } from '../src/service/document-qa.ts';
import { folderWith, seedFolder, tempDir, testConfig } from './support/temp.ts';

describe('telling questions from conversation', () => {
  it.each([
    ['hi', 'greeting'],
    ['Hello there!', 'greeting'],
    ['good morning everyone', 'greeting'],
    ['how are you?', 'greeting'],
    ['<@1234567890> hey', 'greeting'],
    ['thanks', 'thanks'],
    ['Thank you so much!', 'thanks'],
    ['thanks, that helped a lot', 'thanks'],
    ['help', 'help'],
    ['how do I use this?', 'help'],
    ['what can you do?', 'capabilities'],
    ['who are you?', 'capabilities'],
    ['tell me about yourself', 'capabilities'],
    ['what documents do you have?', 'documents'],
    ['which topics do you cover', 'documents'],
    ['lol', 'chatter'],
    ['+1', 'chatter'],
    ['ok', 'chatter'],
    ['😂😂😂', 'chatter'],
    ['https://example.com/some/page', 'chatter'],
  ])('"%s" is %s', (text, intent) => {
    expect(classifyMessage(text)).toBe(intent);
  });

  it.each([
    'Tell me about the Kerman bombings',
    'What happened in Kerman?',
    'hi, who claimed responsibility for the attack?',
    'Thanks! And how many people died?',
    'What do you know about steam engines?',
    'Can you help me understand complexity classes?',
    'What sources did the report cite?',
    'hepcidin',
    'Who is he?',
  ])('"%s" is a question: a word about a topic makes it one', (text) => {
    expect(classifyMessage(text)).toBe('question');
  });
});

describe('replies to conversation', () => {
  let qa: DocumentQa;
  beforeAll(async () => {
    qa = await DocumentQa.open(testConfig({ DOCS_DIR: seedFolder(), INDEX_DIR: tempDir(), EMBEDDING_MODEL: '/nonexistent/model' }));
  });
  afterAll(() => qa.close());

  it.each(['hi', 'what can you do?', 'thanks', 'help', 'what documents do you have?'])(
    '"%s" gets a short reply naming what the documents cover, not a decline',
    async (text) => {
      const answer = await qa.ask(text);
      expect(answer.conversation).toBe(classifyMessage(text));
      expect(answer.answered).toBe(false);
      expect(answer.excerpts).toEqual([]);
      expect(answer.message).toContain('Kerman bombings');
      expect(answer.message).not.toMatch(/couldn't find/);
    },
  );

  it('answers a question that opens with a greeting', async () => {
    const answer = await qa.ask('Hi! Who claimed responsibility for the Kerman bombings?');
    expect(answer.conversation).toBeUndefined();
    expect(answer.answered).toBe(true);
    expect(answer.excerpts[0]?.text).toContain('ISIS claimed responsibility');
  });

  it('leaves a decline without a conversation mark', async () => {
    const answer = await qa.ask('How do I bake sourdough bread?');
    expect(answer.answered).toBe(false);
    expect(answer.conversation).toBeUndefined();
  });

  it('names a few titles, and how many more there are, when there are many documents', async () => {
    const files = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`doc${i}.md`, `# Topic number ${i}\n\nSome text about topic ${i}.\n`]));
    const many = await DocumentQa.open(testConfig({ DOCS_DIR: folderWith(files), INDEX_DIR: tempDir(), EMBEDDING_MODEL: '/nonexistent/model' }));
    try {
      const answer = await many.ask('hello');
      expect(answer.message).toMatch(/6 documents/);
      expect(answer.message).toMatch(/and 3 more/);
    } finally {
      await many.close();
    }
  });
});
