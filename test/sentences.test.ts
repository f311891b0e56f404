import { describe, expect, it } from 'vitest';
import { splitSentences } from '../src/documents/sentences.ts';

function sentencesOf(text: string): string[] {
  return splitSentences(text).map((span) => text.slice(span.start, span.end));
}

describe('splitSentences', () => {
  it('gives offsets of each sentence without surrounding spaces, in order, covering every word', () => {
    const text = '  First one.   Second one!\tThird one?  ';
    const spans = splitSentences(text);
    expect(spans).toEqual([
      { start: 2, end: 12 },
      { start: 15, end: 26 },
      { start: 27, end: 37 },
    ]);
    expect(sentencesOf(text).join(' ').split(/\s+/)).toEqual(text.trim().split(/\s+/));
  });

  it('returns nothing for empty or blank text, and the whole text when nothing ends it', () => {
    expect(splitSentences('')).toEqual([]);
    expect(splitSentences(' \n\t ')).toEqual([]);
    expect(sentencesOf('no end in sight')).toEqual(['no end in sight']);
  });

  it('does not end a sentence after a title before a name', () => {
    expect(sentencesOf('Mr. Smith met Dr. Jones and Mrs. Lee. St. Peter was there. Gen. Qassem left.')).toEqual([
      'Mr. Smith met Dr. Jones and Mrs. Lee.',
      'St. Peter was there.',
      'Gen. Qassem left.',
    ]);
  });

  it('does not end a sentence after initials, but does after the Roman numeral I', () => {
    expect(sentencesOf('J. R. R. Tolkien wrote it. The war was World War I. Turkey lost.')).toEqual([
      'J. R. R. Tolkien wrote it.',
      'The war was World War I.',
      'Turkey lost.',
    ]);
  });

  it('keeps "U.S." inside a sentence before a name, and ends the sentence when a new one plainly starts', () => {
    expect(sentencesOf('The U.S. Army agreed. He moved to the U.S. The move was hard. It was a U.S. drone.')).toEqual([
      'The U.S. Army agreed.',
      'He moved to the U.S.',
      'The move was hard.',
      'It was a U.S. drone.',
    ]);
  });

  it('keeps "a.m." and "p.m." inside a sentence before a day or a lower-case word', () => {
    expect(sentencesOf('It opened at 9 a.m. Friday and closed at 5 p.m. sharp. It ended at 6 p.m. The crowd left.')).toEqual([
      'It opened at 9 a.m. Friday and closed at 5 p.m. sharp.',
      'It ended at 6 p.m.',
      'The crowd left.',
    ]);
  });

  it('keeps "e.g." and "i.e." inside a sentence', () => {
    expect(sentencesOf('Use a tool, e.g. Git, or one like it, i.e. Mercurial. Then commit.')).toEqual([
      'Use a tool, e.g. Git, or one like it, i.e. Mercurial.',
      'Then commit.',
    ]);
  });

  it('keeps "No." and month abbreviations before a number, and ends "yes or no." before a word', () => {
    expect(sentencesOf('The answer is yes or no. Notable examples follow. See No. 5 and p. 12 on Jan. 5 for more.')).toEqual([
      'The answer is yes or no.',
      'Notable examples follow.',
      'See No. 5 and p. 12 on Jan. 5 for more.',
    ]);
  });

  it('keeps "Inc." inside a sentence before a name, and ends it before a new sentence', () => {
    expect(sentencesOf('Acme Inc. Chief Executive Jane Roe spoke. She works for Acme Inc. The company grew.')).toEqual([
      'Acme Inc. Chief Executive Jane Roe spoke.',
      'She works for Acme Inc.',
      'The company grew.',
    ]);
  });

  it('keeps "sp." and "spp." (species) inside a sentence before a bracket or a word, and ends it before a new sentence', () => {
    expect(sentencesOf('The proteases from Streptococcus sp. (streptopain) [1] are studied. Eimeria spp. were found in lambs. We counted Eimeria spp. The count rose.')).toEqual([
      'The proteases from Streptococcus sp. (streptopain) [1] are studied.',
      'Eimeria spp. were found in lambs.',
      'We counted Eimeria spp.',
      'The count rose.',
    ]);
  });

  it('does not end at a decimal point, a domain or a hyphenated acronym', () => {
    expect(sentencesOf('Pi is 3.14 or so. Visit example.com today. U.S.-led talks began.')).toEqual([
      'Pi is 3.14 or so.',
      'Visit example.com today.',
      'U.S.-led talks began.',
    ]);
  });

  it('keeps closing quotes and brackets with their sentence, and a quoted question with its speaker', () => {
    expect(sentencesOf('“Why?” he asked. He said “Stop.” Then he left. (See above.) It was late.')).toEqual([
      '“Why?” he asked.',
      'He said “Stop.”',
      'Then he left.',
      '(See above.)',
      'It was late.',
    ]);
  });

  it('ends at "!", "?" and an ellipsis before a capital, and keeps a trailing ellipsis with its sentence', () => {
    expect(sentencesOf('Stop! Who goes there? Wait... Nobody. It was fine. ... Later it rained.')).toEqual([
      'Stop!',
      'Who goes there?',
      'Wait...',
      'Nobody.',
      'It was fine. ...',
      'Later it rained.',
    ]);
  });

  it('ends a sentence at every line break', () => {
    expect(sentencesOf('- first item\n- second item. Still second\r\n\r\n- third')).toEqual([
      '- first item',
      '- second item.',
      'Still second',
      '- third',
    ]);
  });

  it('ends at full stops of scripts written without spaces', () => {
    expect(sentencesOf('这是第一句。这是第二句！好吗？')).toEqual(['这是第一句。', '这是第二句！', '好吗？']);
  });

  it('splits a closing quote run into the next sentence when the space is missing', () => {
    expect(sentencesOf('"It is the century."More follows.')).toEqual(['"It is the century."', 'More follows.']);
  });

  it('splits a long text with many abbreviations into as many sentences as it has', () => {
    const sentence = 'Mr. Smith met Dr. Jones in the U.S. at 5 p.m. on Jan. 5, e.g. at No. 7 St. James Ave. The talk ended. ';
    const text = sentence.repeat(5_000);
    const spans = splitSentences(text);
    expect(spans).toHaveLength(10_000);
    expect(text.slice(spans[2]!.start, spans[2]!.end)).toBe(sentence.slice(0, sentence.indexOf(' The talk')));
  });
});
