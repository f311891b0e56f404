import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runTerminalChat } from '../src/cli/chat.ts';
import { loadIndex } from '../src/index/index-store.ts';
import { silentLogger } from '../src/logging.ts';
import { untilOutput } from './support/until.ts';
import { DocumentQa, type ServiceNotice } from '../src/service/document-qa.ts';
import { SUMMARIES_ATTACHMENT } from '../src/service/summaries.ts';
import { gatedFileSystem, troubledFileSystem } from './support/index-file-systems.ts';
import { folderWith, seedFolder, tempDir, testConfig } from './support/temp.ts';

const CLAIM = 'Who claimed responsibility for the Kerman bombings?';


function pointer(indexDir: string): string {
  return readFileSync(path.join(indexDir, 'CURRENT'), 'utf8').trim();
}

describe('index builds', () => {
  it('run on a worker thread, never the main thread', async () => {
    const qa = await DocumentQa.open(testConfig({ DOCS_DIR: seedFolder(), INDEX_DIR: tempDir(), EMBEDDING_MODEL: 'none' }));
    const report = await qa.reindex();
    expect(report.builtOnThread).toBeGreaterThan(0);
    await qa.close();
  });

  it('remove the build folders that killed or failed builds left behind when they start', async () => {
    const indexDir = tempDir();
    const qa = await DocumentQa.open(testConfig({ DOCS_DIR: seedFolder(), INDEX_DIR: indexDir, EMBEDDING_MODEL: 'none' }));
    // A build of a process that is gone, and a failed one of this process.
    for (const leftover of ['.build-999999999-dead', `.build-${process.pid}-failed`]) {
      mkdirSync(path.join(indexDir, leftover));
      writeFileSync(path.join(indexDir, leftover, 'texts.bin'), 'x'.repeat(4096));
    }
    await qa.reindex();
    expect(readdirSync(indexDir).filter((name) => name.startsWith('.build-'))).toEqual([]);
    expect((await qa.ask(CLAIM)).excerpts[0]?.text).toContain('ISIS claimed responsibility');
    await qa.close();
  });
});

describe('summaries', () => {
  it('of all documents and of each are computed at build time, stored with the index, and looked up', async () => {
    const docsDir = folderWith({
      'harbour.txt': '# Harbour\n\nThe harbour master keeps a log of every ship that enters the port at night. Pilots guide large vessels past the sandbank at high tide.\n',
      'bakery.txt': '# Bakery\n\nThe bakery opens at six and sells rye bread baked in a wood oven. Customers queue early on Saturdays for the seeded loaves.\n',
    });
    const indexDir = tempDir();
    const config = testConfig({ DOCS_DIR: docsDir, INDEX_DIR: indexDir, EMBEDDING_MODEL: 'none' });
    const built = await DocumentQa.open(config);
    await built.close();

    const stored = (await loadIndex(indexDir)).attachments?.get(SUMMARIES_ATTACHMENT) as {
      all: { sentences: unknown[] };
      bySource: Record<string, { sentences: unknown[] }>;
    };
    expect(stored.all.sentences.length).toBeGreaterThan(0);
    expect(Object.keys(stored.bySource).sort()).toEqual(['bakery.txt', 'harbour.txt']);

    // A second process opens the stored index (no rebuild) and answers from what is stored.
    const qa = await DocumentQa.open(config);
    const folderBefore = pointer(indexDir);
    expect((await qa.summarize()).sentences).toEqual(stored.all.sentences);
    expect((await qa.summarize('bakery')).sentences).toEqual(stored.bySource['bakery.txt']?.sentences);
    expect(pointer(indexDir)).toBe(folderBefore);
    await qa.close();
  });
});

describe('when the index cannot be written', () => {
  for (const [code, reason] of [
    ['EROFS', /the file system is read-only/],
    ['ENOSPC', /the disk is full/],
  ] as const) {
    it(`(${code}) keeps answering, says why once and loudly, and leaves the index on disk as it was`, async () => {
      const docsDir = seedFolder();
      const indexDir = tempDir();
      const fileSystem = troubledFileSystem(code);
      const notices: ServiceNotice[] = [];
      const qa = await DocumentQa.open(testConfig({ DOCS_DIR: docsDir, INDEX_DIR: indexDir, EMBEDDING_MODEL: 'none' }), {
        fileSystem,
        onNotice: (notice) => notices.push(notice),
      });
      const before = pointer(indexDir);
      writeFileSync(path.join(docsDir, 'lighthouse.txt'), '# Lighthouse\n\nIn thick fog the keeper sounds the foghorn every thirty seconds.\n');
      fileSystem.fail();

      const report = await qa.reindex();
      expect(report.indexWarning).toMatch(reason);
      expect(qa.info().indexWarning).toMatch(reason);
      // The new documents are answered (from the index kept in memory), the old ones too.
      expect((await qa.ask('How often does the foghorn sound?')).excerpts[0]?.text).toContain('thirty seconds');
      expect((await qa.ask(CLAIM)).excerpts[0]?.text).toContain('ISIS claimed responsibility');
      await qa.reindex();
      expect(notices.filter((notice) => notice.kind === 'index-not-saved')).toHaveLength(1);
      expect(notices[0]?.reason).toMatch(reason);

      // The index on disk is untouched and still answers the documents it was built from.
      expect(pointer(indexDir)).toBe(before);
      expect(readdirSync(indexDir).filter((name) => name.startsWith('.build-'))).toEqual([]);
      const onDisk = await loadIndex(indexDir);
      expect(onDisk.manifest.counts.documents).toBe(1);
      await qa.close();
    });
  }
});

describe('the terminal chat', () => {
  it('answers while its /reindex runs and shows the phase, documents read and passages', async () => {
    const docsDir = seedFolder();
    const fileSystem = gatedFileSystem();
    const input = new PassThrough();
    const output = new PassThrough();
    let text = '';
    output.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    const config = testConfig({ DOCS_DIR: docsDir, INDEX_DIR: tempDir(), EMBEDDING_MODEL: 'none' });
    const finished = runTerminalChat(config, { logger: silentLogger, input, output, fileSystem });
    await untilOutput(() => text, /Type \/help/);

    // The rebuild cannot finish until the test lets its files be written.
    fileSystem.hold();
    input.write('/reindex\n');
    await untilOutput(() => text, /… writing the index/);
    input.write(`${CLAIM}\n`);
    await untilOutput(() => text, /\[1\] ISIS claimed responsibility/);
    expect(text).not.toMatch(/Index rebuilt/);
    input.write('/reindex\n');
    await untilOutput(() => text, /already being rebuilt/);

    fileSystem.release();
    await untilOutput(() => text, /Index rebuilt in \d+ ms: 1 document/);
    input.end();
    expect(await finished).toBe(0);
    expect(text).toMatch(/… reading documents: 1\/1 \(documents read: 1\)/);
    expect(text).toMatch(/… splitting into passages: 1\/1 \(documents read: 1, passages: \d+\)/);
    expect(existsSync(docsDir)).toBe(true);
  });
});
