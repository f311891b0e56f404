import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { INDEX_FORMAT_VERSION } from '../src/index/manifest.ts';
import { buildIndex, IndexCorruptError, IndexMissingError, loadIndex } from '../src/index/index-store.ts';
import { createLogger } from '../src/logging.ts';
import { answerQuestion } from '../src/search/answer.ts';
import { DocumentQa, ModelRequiredError, ReindexInProgressError } from '../src/service/document-qa.ts';
import { tinyModelDir } from './support/tiny-model.ts';
import { folderWith, PROJECT_ROOT, seedFolder, tempDir, testConfig } from './support/temp.ts';

const CLAIM = 'Who claimed responsibility for the Kerman bombings?';

function currentFolder(indexDir: string): string {
  return path.join(indexDir, readFileSync(path.join(indexDir, 'CURRENT'), 'utf8').trim());
}

function capturingLogger() {
  const lines: string[] = [];
  return { lines, logger: createLogger({ level: 'debug', write: (line) => lines.push(line) }) };
}

describe('the index on disk', () => {
  it('survives a round trip: a loaded index answers exactly as the built one', async () => {
    const indexDir = tempDir();
    const built = await buildIndex({ docsDir: seedFolder(), indexDir, embedder: null, requestedModel: 'none' });
    const loaded = await loadIndex(indexDir);
    expect(loaded.manifest).toEqual(built.manifest);
    expect(loaded.passages).toEqual(built.passages);
    expect(answerQuestion(loaded, CLAIM, null)).toEqual(answerQuestion(built, CLAIM, null));
    expect(loaded.manifest).toMatchObject({ formatVersion: INDEX_FORMAT_VERSION, mode: 'lexical', counts: { documents: 1, passages: built.passages.length, skipped: 0 } });
    expect(Object.keys(loaded.manifest.documents[0]!)).toEqual(expect.arrayContaining(['contentHash', 'passages', 'metadata']));
  });

  it('reports a missing index as missing, not corrupt', async () => {
    await expect(loadIndex(tempDir())).rejects.toThrow(IndexMissingError);
  });

  it('keeps only the current index folder after a rebuild', async () => {
    const indexDir = tempDir();
    const docsDir = seedFolder();
    await buildIndex({ docsDir, indexDir, embedder: null, requestedModel: 'none' });
    await buildIndex({ docsDir, indexDir, embedder: null, requestedModel: 'none' });
    const folders = readdirSync(indexDir).filter((name) => name.startsWith('index-') || name.startsWith('.build-'));
    expect(folders).toEqual([path.basename(currentFolder(indexDir))]);
  });

  it('a build killed midway leaves the previous index loadable and answering', async () => {
    const indexDir = tempDir();
    await buildIndex({ docsDir: seedFolder(), indexDir, embedder: null, requestedModel: 'none' });
    const before = await loadIndex(indexDir);

    // A corpus big enough that writing it takes a while, so the kill lands mid-build.
    const files: Record<string, string> = {};
    for (let i = 0; i < 400; i += 1) files[`doc-${i}.txt`] = `Paragraph about topic ${i} and harbours. `.repeat(400);
    const bigDocs = folderWith(files);
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'test/support/build-index-child.ts'), bigDocs, indexDir], {
      cwd: PROJECT_ROOT,
      stdio: 'ignore',
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    const deadline = Date.now() + 30_000;
    while (!readdirSync(indexDir).some((name) => name.startsWith('.build-')) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const after = await loadIndex(indexDir);
    expect(after.manifest.builtAt).toBe(before.manifest.builtAt);
    expect(answerQuestion(after, CLAIM, null).excerpts[0]?.text).toContain('ISIS claimed responsibility');
    // The next build clears the dead build's leftovers.
    await buildIndex({ docsDir: seedFolder(), indexDir, embedder: null, requestedModel: 'none' });
    expect(readdirSync(indexDir).filter((name) => name.startsWith('.build-'))).toEqual([]);
  });

  it('detects a corrupt manifest, and the service rebuilds and answers', async () => {
    const indexDir = tempDir();
    const docsDir = seedFolder();
    await buildIndex({ docsDir, indexDir, embedder: null, requestedModel: 'Xenova/all-MiniLM-L6-v2' });
    writeFileSync(path.join(currentFolder(indexDir), 'manifest.json'), '{"formatVersion": 1, "mode": "lex');
    await expect(loadIndex(indexDir)).rejects.toThrow(IndexCorruptError);

    const { lines, logger } = capturingLogger();
    const qa = await DocumentQa.open(testConfig({ DOCS_DIR: docsDir, INDEX_DIR: indexDir }), { logger });
    expect(lines.join('\n')).toMatch(/manifest cannot be read.*Rebuilding/);
    expect((await qa.ask(CLAIM)).excerpts[0]?.text).toContain('ISIS claimed responsibility');
    await qa.close();
    await expect(loadIndex(indexDir)).resolves.toBeDefined();
  });

  it('detects a damaged passages file by its checksum', async () => {
    const indexDir = tempDir();
    await buildIndex({ docsDir: seedFolder(), indexDir, embedder: null, requestedModel: 'none' });
    const file = path.join(currentFolder(indexDir), 'passages.bin');
    const bytes = readFileSync(file);
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 1; // one sentence offset off by one
    writeFileSync(file, bytes);
    await expect(loadIndex(indexDir)).rejects.toThrow(/passages\.bin is damaged/);
  });

  it('detects a damaged vector file, and the service rebuilds the hybrid index', async () => {
    const model = await tinyModelDir();
    const indexDir = tempDir();
    const config = testConfig({ DOCS_DIR: seedFolder(), INDEX_DIR: indexDir, EMBEDDING_MODEL: model });
    const first = await DocumentQa.open(config);
    expect(first.info().mode).toBe('hybrid');
    await first.close();

    const vectors = path.join(currentFolder(indexDir), 'vectors.hnsw');
    const bytes = readFileSync(vectors);
    bytes.fill(0xff, 0, 64);
    writeFileSync(vectors, bytes);
    await expect(loadIndex(indexDir)).rejects.toThrow(/vectors\.hnsw is damaged/);

    const { lines, logger } = capturingLogger();
    const qa = await DocumentQa.open(config, { logger });
    expect(lines.join('\n')).toMatch(/vectors\.hnsw is damaged/);
    expect(qa.info().mode).toBe('hybrid');
    const answer = await qa.ask(CLAIM);
    expect(answer.mode).toBe('hybrid');
    expect(answer.excerpts[0]?.text).toContain('ISIS claimed responsibility');
    await qa.close();
  });
});

describe('the service keeps its index fresh and safe', () => {
  it('rebuilds by itself when the documents change', async () => {
    const docsDir = folderWith({ 'a.txt': 'The lighthouse keeper trims the wick every night.' });
    const config = testConfig({ DOCS_DIR: docsDir, INDEX_DIR: tempDir() });
    const qa = await DocumentQa.open(config);
    expect((await qa.ask('What do beekeepers harvest?')).answered).toBe(false);
    await qa.close();

    writeFileSync(path.join(docsDir, 'b.txt'), 'Beekeepers harvest honey from the hives in late summer.');
    const reopened = await DocumentQa.open(config);
    const answer = await reopened.ask('What do beekeepers harvest?');
    expect(answer.excerpts[0]).toMatchObject({ source: 'b.txt', location: 'paragraph 1' });
    await reopened.close();
  });

  it('answers from the old index while a reindex runs, and refuses a second reindex', async () => {
    const docsDir = folderWith({ 'a.txt': 'The lighthouse keeper trims the wick every night.' });
    const qa = await DocumentQa.open(testConfig({ DOCS_DIR: docsDir, INDEX_DIR: tempDir() }));
    writeFileSync(path.join(docsDir, 'b.txt'), 'Beekeepers harvest honey from the hives in late summer.');
    const running = qa.reindex();
    expect(qa.reindexing).toBe(true);
    await expect(qa.reindex()).rejects.toThrow(ReindexInProgressError);
    const meanwhile = await qa.ask('Who trims the wick?');
    expect(meanwhile.excerpts[0]?.source).toBe('a.txt');
    const report = await running;
    expect(report).toMatchObject({ documents: 2, skipped: [], mode: 'lexical' });
    expect(qa.reindexing).toBe(false);
    expect((await qa.ask('What do beekeepers harvest?')).excerpts[0]?.source).toBe('b.txt');
    await qa.close();
  });

  it('builds a lexical index with one loud warning when the model cannot be loaded', async () => {
    const { lines, logger } = capturingLogger();
    const config = testConfig({ DOCS_DIR: seedFolder(), INDEX_DIR: tempDir(), EMBEDDING_MODEL: path.join(tempDir(), 'no-such-model') });
    const qa = await DocumentQa.open(config, { logger });
    expect(qa.info().mode).toBe('lexical');
    const warnings = lines.filter((line) => line.includes('could not be loaded'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/LEXICAL-ONLY/);
    expect(qa.modelWarning).toMatch(/no-such-model/);
    expect((await qa.ask(CLAIM)).mode).toBe('lexical');
    await qa.close();
  });

  it('stops with a clear error when the model is required but missing', async () => {
    const config = testConfig({
      DOCS_DIR: seedFolder(),
      INDEX_DIR: tempDir(),
      EMBEDDING_MODEL: path.join(tempDir(), 'no-such-model'),
      REQUIRE_MODEL: 'true',
    });
    await expect(DocumentQa.open(config)).rejects.toThrow(ModelRequiredError);
    await expect(DocumentQa.open(config)).rejects.toThrow(/REQUIRE_MODEL/);
  });

  it('answers from an empty documents folder by declining, not crashing', async () => {
    const docsDir = tempDir();
    mkdirSync(path.join(docsDir, 'sub'));
    const qa = await DocumentQa.open(testConfig({ DOCS_DIR: docsDir, INDEX_DIR: tempDir() }));
    expect(qa.info().documents).toEqual([]);
    expect((await qa.ask('Anything there?')).answered).toBe(false);
    expect((await qa.summarize()).sentences).toEqual([]);
    await qa.close();
    expect(existsSync(path.join(docsDir, 'sub'))).toBe(true);
  });
});
