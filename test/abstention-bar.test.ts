/**
 * The relevance bar on real indexes built from files in temp folders: questions about other things
 * are declined, questions about the documents are answered, typos included.
 */
import { describe, expect, it } from 'vitest';
import { buildIndex } from '../src/index/index-store.ts';
import { questionClarity } from '../src/search/abstention.ts';
import { guessCounts } from '../src/search/abstention-evidence.ts';
import { answerQuestion } from '../src/search/answer.ts';
import { DEFAULT_SEARCH_TUNING } from '../src/search/tuning.ts';
import { folderWith, tempDir } from './support/temp.ts';

const VIROLOGY = [
  '# Antibodies and coronaviruses',
  'Neutralizing antibodies bind the spike protein of the coronavirus and block its entry into host cells.',
  'Monoclonal antibodies are produced by clones of a single B cell and target one epitope of the spike protein.',
  'The receptor binding domain of the spike protein attaches to the ACE2 receptor on epithelial cells.',
  'The research team measured serum antibody titres by a plaque reduction neutralization assay.',
  'Viral replication in the respiratory epithelium peaks before symptoms in most infected patients.',
  'Patients with severe infection had higher antibody titres than patients with mild infection.',
  'The team reported that older patients developed symptoms earlier than younger patients.',
  'Coronaviruses also infect cattle and bats.',
].join('\n\n');

const NORMANS = [
  '# The Normans',
  'The Normans were the people who gave their name to Normandy, a region in northern France.',
  'They descended from Norse raiders and pirates from Denmark, Iceland and Norway.',
  'Their leader Rollo agreed to swear fealty to King Charles III of West Francia in 911.',
  'The Norman conquest of England began in 1066 when Duke William defeated King Harold at Hastings.',
  'Norman architecture is known for its massive castles and round arches over doors and windows.',
  'The Normans also conquered southern Italy and Sicily, where they founded a kingdom.',
].join('\n\n');

async function indexOf(name: string, text: string) {
  return buildIndex({ docsDir: folderWith({ [name]: text }), indexDir: tempDir(), embedder: null, requestedModel: 'none' });
}

describe('relevance bar across corpora', () => {
  it('declines questions about another corpus and answers the corpus’s own, both ways', async () => {
    const virology = await indexOf('antibodies.md', VIROLOGY);
    const normans = await indexOf('normans.md', NORMANS);
    const aboutVirology = ['What do neutralizing antibodies bind?', 'Which receptor does the spike protein attach to?', 'How were serum antibody titres measured?'];
    const aboutNormans = ['Who did Duke William defeat at Hastings?', 'Who were the Normans descended from?', 'What is Norman architecture known for?'];
    for (const question of aboutVirology) {
      expect(answerQuestion(virology, question, null).answered, question).toBe(true);
      expect(answerQuestion(normans, question, null).answered, question).toBe(false);
    }
    for (const question of aboutNormans) {
      expect(answerQuestion(normans, question, null).answered, question).toBe(true);
      expect(answerQuestion(virology, question, null).answered, question).toBe(false);
    }
  });

  it('still answers a question with a misspelt word of the documents', async () => {
    const virology = await indexOf('antibodies.md', VIROLOGY);
    const answer = answerQuestion(virology, 'What do neutralizing antibodeis bind?', null);
    expect(answer.answered).toBe(true);
    expect(answer.excerpts[0]?.text).toContain('Neutralizing antibodies bind the spike protein');
  });

  it('still answers a common misspelling that everyday English itself shows now and then', async () => {
    const index = await indexOf('budget.md', ['# Budget', 'The government announced a new budget for public hospitals in March.', 'Opposition parties criticised the plan.'].join('\n\n'));
    // "goverment" analyses to "gover", which subtitles show about once per million words (their own
    // typos): still far rarer than an everyday word, so the guess "govern" counts.
    const answer = answerQuestion(index, 'What did the goverment do?', null);
    expect(answer.answered).toBe(true);
    expect(answer.excerpts[0]?.text).toContain('The government announced a new budget');
    expect(answerQuestion(index, 'What did the goverment do?', null, { maxEnglishPerMillionOfGuessedWord: 0.2 }).answered).toBe(false);
  });

  it('does not let an everyday word the documents never use pass as a typo of one they do use', async () => {
    // "castle" is one edit from "cattle", which the documents use; but "castle" is everyday
    // English, so the documents not using it means they are not about it, not that it is misspelt.
    const virology = await indexOf('antibodies.md', VIROLOGY);
    expect(answerQuestion(virology, 'Where is the castle?', null).answered).toBe(false);
    // With every guess allowed to count, the same question is answered: the guess is what decides.
    expect(answerQuestion(virology, 'Where is the castle?', null, { maxEnglishPerMillionOfGuessedWord: Number.POSITIVE_INFINITY }).answered).toBe(true);
    expect(answerQuestion(virology, 'Which animals do coronaviruses infect besides bats?', null).answered).toBe(true);
  });

  it('declines when the question’s words are only scattered over the sentences of a passage', async () => {
    // One paragraph (one passage) holding each of the question's words in a different sentence.
    const scattered = await indexOf('notes.md', ['# Harbour notes', 'The keeper slept. Gulls circled. Ships waited. Rocks loomed. Fog rolled in. Lamps flickered.'].join('\n\n'));
    const together = await indexOf('notes.md', ['# Harbour notes', 'The keeper watched gulls, ships, rocks, fog and lamps from the tower.', 'The tide was low.'].join('\n\n'));
    const sixWords = 'keeper gulls ships rocks fog lamps';
    expect(answerQuestion(together, sixWords, null).answered).toBe(true);
    expect(answerQuestion(scattered, sixWords, null).answered).toBe(false);
    // Each sentence holds a sixth of the question: below the sentence share, whatever the count.
    expect(answerQuestion(scattered, sixWords, null, { minTermsTogether: 1 }).answered).toBe(false);
    expect(answerQuestion(scattered, sixWords, null, { minTermsTogether: 1, minSentenceCoverage: 0 }).answered).toBe(true);
    // Four words: each sentence holds a quarter of the weight, but only one of the words.
    const fourWords = 'keeper gulls ships rocks';
    expect(answerQuestion(together, fourWords, null).answered).toBe(true);
    expect(answerQuestion(scattered, fourWords, null).answered).toBe(false);
    expect(answerQuestion(scattered, fourWords, null, { minTermsTogether: 1 }).answered).toBe(true);
  });
});

describe('words found together', () => {
  it('declines a question of several words when only everyday ones stand together in a sentence', async () => {
    const notes = await indexOf(
      'notes.md',
      ['# Morning notes', 'We run a quick test of the pumps every morning before the shift starts.', 'The results were written in the log book.', 'The pump mode was changed in March.'].join('\n\n'),
    );
    // "run" and "test" stand together, but "snapshot" and "watch" are nowhere: everyday words side
    // by side are what any large collection shows.
    const offTopic = 'how do I run the snapshot test in watch mode?';
    expect(answerQuestion(notes, offTopic, null).answered).toBe(false);
    expect(answerQuestion(notes, offTopic, null, { distinctiveWordPerMillion: Number.POSITIVE_INFINITY }).answered).toBe(true);
    // With a distinctive word of the documents beside them ("pumps"), the question is theirs.
    expect(answerQuestion(notes, 'how often do we run a test of the pumps?', null).answered).toBe(true);
  });
});

describe('spelling guesses as evidence', () => {
  it('count for a word that is no everyday English word and keeps its first letter', () => {
    expect(guessCounts({ asked: 'purhcas', guessed: 'purchas' }, DEFAULT_SEARCH_TUNING)).toBe(true);
    expect(guessCounts({ asked: 'antibodei', guessed: 'antibodi' }, DEFAULT_SEARCH_TUNING)).toBe(true);
  });

  it('do not count for an everyday English word, nor for a guess that changes the first letter', () => {
    expect(guessCounts({ asked: 'steam', guessed: 'team' }, DEFAULT_SEARCH_TUNING)).toBe(false);
    expect(guessCounts({ asked: 'castl', guessed: 'cattl' }, DEFAULT_SEARCH_TUNING)).toBe(false);
    expect(guessCounts({ asked: 'kerman', guessed: 'german' }, DEFAULT_SEARCH_TUNING)).toBe(false);
  });
});

describe('question clarity', () => {
  it('is not raised by a word the documents never use, however rare it is in English', async () => {
    const virology = await indexOf('antibodies.md', VIROLOGY);
    const plain = questionClarity(virology, 'Which receptor does the spike protein bind?');
    const withForeignWord = questionClarity(virology, 'Which receptor does the spike protein bind in opentelemetry?');
    expect(withForeignWord).toBeLessThan(plain);
    // Uncapped, the same word (never seen in English either) would raise it.
    expect(questionClarity(virology, 'Which receptor does the spike protein bind in opentelemetry?', { absentTermClarityCap: Number.POSITIVE_INFINITY })).toBeGreaterThan(plain);
  });
});
