/**
 * The embedder on real parts: transformers.js 2.17 + onnxruntime-node running the tiny generated
 * model (a bag-of-words BERT export, see scripts/tiny-model.ts), and a real hnswlib-node index.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import hnswlib from 'hnswlib-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEmbedder, ModelUnavailableError, type Embedder, type EmbedderOptions } from '../src/embedding/embedder.ts';
import { DEFAULT_PRESET, formatPassage, formatQuery, resolveModelPreset } from '../src/embedding/presets.ts';
import { TINY_MODEL_DEFAULT_DIMENSIONS } from '../scripts/tiny-model.ts';
import { tinyModelDir } from './support/tiny-model.ts';

const BGE_PREFIX = 'Represent this sentence for searching relevant passages: ';

let scratch: string;
let modelDir: string;
let tinyDir: string;

beforeAll(async () => {
  tinyDir = await tinyModelDir();
  scratch = mkdtempSync(path.join(os.tmpdir(), 'embedding-test-'));
  modelDir = path.join(scratch, 'models');
  mkdirSync(modelDir);
});

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

function options(overrides: Partial<EmbedderOptions> = {}): EmbedderOptions {
  return { model: tinyDir, modelDir, offline: true, timeoutMs: 30_000, ...overrides };
}

function norm(vector: Float32Array): number {
  return Math.hypot(...vector);
}

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += (a[i] ?? 0) * (b[i] ?? 0);
  return dot / (norm(a) * norm(b));
}

/** Runs `load` and returns the error it rejects with, and how long that took. */
async function failure(load: Promise<unknown>): Promise<{ error: unknown }> {
  try {
    await load;
  } catch (error) {
    return { error };
  }
  throw new Error('expected the load to fail');
}

describe('the tiny model loaded from a local folder', () => {
  let embedder: Embedder;

  beforeAll(async () => {
    embedder = await loadEmbedder(options({ batchSize: 4 }));
  });

  afterAll(async () => {
    await embedder.dispose();
  });

  it('reports the model as configured and the dimension found by the probe', () => {
    expect(embedder.modelId).toBe(tinyDir);
    expect(embedder.dimensions).toBe(TINY_MODEL_DEFAULT_DIMENSIONS);
  });

  it('returns one L2-normalised vector of that dimension per passage, in order', async () => {
    const texts = ['The cat sat by the window.', 'Rain and snow are expected tomorrow.', 'Compile the code and run the tests.'];
    const vectors = await embedder.embedPassages(texts);
    expect(vectors).toHaveLength(3);
    for (const vector of vectors) {
      expect(vector).toBeInstanceOf(Float32Array);
      expect(vector).toHaveLength(embedder.dimensions);
      expect(norm(vector)).toBeCloseTo(1, 5);
    }
    // Same order: each batched vector equals the text embedded alone.
    for (const [i, text] of texts.entries()) {
      const [alone] = await embedder.embedPassages([text]);
      expect(cosine(vectors[i]!, alone!)).toBeGreaterThan(0.9999);
    }
    expect(cosine(vectors[0]!, vectors[1]!)).toBeLessThan(0.9);
  });

  it('embeds in batches of batchSize and reports progress after each batch', async () => {
    const texts = Array.from({ length: 10 }, (_, i) => `garden number ${i} with roses and tulips`);
    const progress: Array<[number, number]> = [];
    const vectors = await embedder.embedPassages(texts, (done, total) => progress.push([done, total]));
    expect(vectors).toHaveLength(10);
    expect(progress).toEqual([
      [4, 10],
      [8, 10],
      [10, 10],
    ]);
    expect(await embedder.embedPassages([])).toEqual([]);
  });

  it('truncates a text far longer than the model input instead of failing', async () => {
    const long = 'telescope '.repeat(20_000);
    const [longVector, shortVector] = await embedder.embedPassages([long, 'telescope '.repeat(400)]);
    expect(norm(longVector!)).toBeCloseTo(1, 5);
    expect(cosine(longVector!, shortVector!)).toBeGreaterThan(0.99);
  });

  it('cuts inputs at the position limit even when the tokenizer declares a huge model_max_length', async () => {
    // Some exports declare model_max_length 1e30; transformers.js would then not truncate at all.
    const hugeLimit = path.join(scratch, 'huge-limit-model');
    cpSync(tinyDir, hugeLimit, { recursive: true });
    const configPath = path.join(hugeLimit, 'tokenizer_config.json');
    const tokenizerConfig = JSON.parse(readFileSync(configPath, 'utf8')) as Record<string, unknown>;
    writeFileSync(configPath, JSON.stringify({ ...tokenizerConfig, model_max_length: 1e30 }));
    const limited = await loadEmbedder(options({ model: hugeLimit }));
    try {
      // 600 x telescope, then 600 x bread: only the first 510 tokens fit in 512 positions.
      const [mixed, telescope, bread] = await limited.embedPassages([
        `${'telescope '.repeat(600)}${'bread '.repeat(600)}`,
        'telescope',
        'bread',
      ]);
      expect(cosine(mixed!, telescope!)).toBeGreaterThan(0.99);
      expect(cosine(mixed!, bread!)).toBeLessThan(0.5);
    } finally {
      await limited.dispose();
    }
  });

  it('gives texts made only of unknown words a finite unit vector', async () => {
    const vector = await embedder.embedQuery('zxqv blorptang');
    expect(vector.every(Number.isFinite)).toBe(true);
    expect(norm(vector)).toBeCloseTo(1, 5);
  });

  it('lets a query find, through a real hnswlib cosine index, the passage that shares its words', async () => {
    const passages = [
      'Knead the dough with flour, yeast and salt, then bake the bread in a hot oven.',
      'The telescope showed the rings of Saturn and the moons of Jupiter in the night sky.',
      'Water the tomato plants every morning and add compost to the soil of the garden.',
      'The striker scored a late penalty and the fans in the stadium cheered the team.',
      'The compiler reported a bug in the function, so the developer fixed the variable and ran the tests.',
      'She practised the guitar chords and the piano melody before the concert with her band.',
      'A storm with thunder and lightning is forecast, with heavy rain and strong wind.',
      'The bank raised the interest rate on loans and mortgages because of inflation.',
      'The doctor gave the patient a vaccine and medicine for the fever and the cough.',
      'Pack your passport and luggage before the flight; the train to the airport leaves early.',
    ];
    const vectors = await embedder.embedPassages(passages);
    const index = new hnswlib.HierarchicalNSW('cosine', embedder.dimensions);
    index.initIndex(passages.length);
    vectors.forEach((vector, label) => index.addPoint(Array.from(vector), label));

    const cases: Array<[string, number]> = [
      ['how do I bake bread with yeast?', 0],
      ['which telescope shows saturn rings?', 1],
      ['when should I water tomato plants?', 2],
      ['who scored the penalty for the team?', 3],
      ['why did the compiler report a bug?', 4],
      ['guitar chords for the concert', 5],
      ['is a storm with thunder forecast?', 6],
      ['interest rate on mortgages', 7],
      ['vaccine for fever and cough', 8],
      ['do I need a passport for the flight?', 9],
    ];
    for (const [question, expected] of cases) {
      const query = await embedder.embedQuery(question);
      const { neighbors } = index.searchKnn(Array.from(query), 1);
      expect({ question, found: neighbors[0] }).toEqual({ question, found: expected });
    }
  });

  it('cannot be used after dispose', async () => {
    const other = await loadEmbedder(options());
    await other.dispose();
    await expect(other.embedQuery('cats')).rejects.toThrow(/disposed/);
  });
});

describe('model presets', () => {
  it('gives E5 models their query and passage prefixes, by id in any case or by a folder named like them', () => {
    for (const model of ['Xenova/e5-small-v2', 'XENOVA/E5-SMALL-V2', 'intfloat/e5-small-v2', '/srv/models/multilingual-e5-small/']) {
      const preset = resolveModelPreset(model);
      expect(preset.queryPrefix, model).toBe('query: ');
      expect(preset.passagePrefix, model).toBe('passage: ');
      expect(preset.pooling, model).toBe('mean');
    }
  });

  it('gives BGE models CLS pooling and the search instruction on queries only, also for a local folder', () => {
    for (const model of ['Xenova/bge-small-en-v1.5', 'Xenova/bge-base-en-v1.5', 'BAAI/bge-small-en-v1.5', '/models/bge-small-en-v1.5', 'C:\\models\\bge-base-en-v1.5\\']) {
      const preset = resolveModelPreset(model);
      expect(preset.pooling, model).toBe('cls');
      expect(preset.queryPrefix, model).toBe(BGE_PREFIX);
      expect(preset.passagePrefix, model).toBe('');
    }
    expect(resolveModelPreset('/models/bge-small-en-v1.5').presetId).toBe('Xenova/bge-small-en-v1.5');
  });

  it('knows MiniLM, GTE and Nomic, and gives unknown models mean pooling without prefixes', () => {
    expect(resolveModelPreset('Xenova/all-MiniLM-L6-v2')).toMatchObject({ pooling: 'mean', queryPrefix: '', presetId: 'Xenova/all-MiniLM-L6-v2' });
    expect(resolveModelPreset('Xenova/all-MiniLM-L12-v2').pooling).toBe('mean');
    expect(resolveModelPreset('Xenova/gte-small')).toMatchObject({ pooling: 'mean', queryPrefix: '' });
    expect(resolveModelPreset('nomic-ai/nomic-embed-text-v1')).toMatchObject({
      queryPrefix: 'search_query: ',
      passagePrefix: 'search_document: ',
      pooling: 'mean',
    });
    expect(resolveModelPreset('someone/unknown-model')).toEqual({ ...DEFAULT_PRESET, presetId: null });
    expect(DEFAULT_PRESET).toMatchObject({ pooling: 'mean', normalize: true, queryPrefix: '', passagePrefix: '' });
  });

  it('asks more similarity of models whose similarities crowd near 1 before trusting meaning alone', () => {
    expect(resolveModelPreset('Xenova/all-MiniLM-L6-v2').relevantSimilarity).toBe(0.5);
    expect(resolveModelPreset('Xenova/e5-small-v2').relevantSimilarity).toBeGreaterThanOrEqual(0.85);
    expect(resolveModelPreset('Xenova/gte-small').relevantSimilarity).toBeGreaterThanOrEqual(0.85);
    expect(resolveModelPreset('someone/unknown-model').relevantSimilarity).toBe(0.6);
  });

  it('puts the prefix before the text to embed', () => {
    const e5 = resolveModelPreset('Xenova/e5-small-v2');
    expect(formatQuery(e5, 'how tall is it?')).toBe('query: how tall is it?');
    expect(formatPassage(e5, 'It is tall.')).toBe('passage: It is tall.');
    expect(formatQuery(resolveModelPreset('bge-small-en-v1.5'), 'cats')).toBe(`${BGE_PREFIX}cats`);
    expect(formatQuery(DEFAULT_PRESET, 'cats')).toBe('cats');
  });

  it('applies the query and passage prefixes when embedding with a model that has them', async () => {
    // The tiny model dropped into MODEL_DIR under an E5 id: found offline, E5 preset applied.
    cpSync(tinyDir, path.join(modelDir, 'Xenova', 'e5-small-v2'), { recursive: true });
    const e5 = await loadEmbedder(options({ model: 'Xenova/e5-small-v2' }));
    const plain = await loadEmbedder(options());
    try {
      const question = 'which planet has rings';
      const [prefixedQuery, prefixedPassage, bareQuery] = await plain.embedPassages([
        `query: ${question}`,
        `passage: ${question}`,
        question,
      ]);
      const query = await e5.embedQuery(question);
      const [passage] = await e5.embedPassages([question]);
      expect(cosine(query, prefixedQuery!)).toBeGreaterThan(0.9999);
      expect(cosine(passage!, prefixedPassage!)).toBeGreaterThan(0.9999);
      expect(cosine(query, bareQuery!)).toBeLessThan(0.999);
    } finally {
      await e5.dispose();
      await plain.dispose();
    }
  });
});

describe('when the model cannot be used', () => {
  it('fails with ModelUnavailableError naming the folder when a local folder is missing', async () => {
    const missing = path.join(scratch, 'no-such-model');
    const { error } = await failure(loadEmbedder(options({ model: missing })));
    expect(error).toBeInstanceOf(ModelUnavailableError);
    expect(error).toMatchObject({ reason: 'not-found', model: missing });
    expect((error as Error).message).toContain(missing);
  });

  it('fails offline, without a download attempt, for a hub id that is not in MODEL_DIR, naming the model and how to fix it', async () => {
    const { error } = await failure(loadEmbedder(options({ model: 'Xenova/all-MiniLM-L6-v2', offline: true })));
    expect(error).toBeInstanceOf(ModelUnavailableError);
    expect(error).toMatchObject({ reason: 'offline', model: 'Xenova/all-MiniLM-L6-v2' });
    const message = (error as Error).message;
    expect(message).toContain('"Xenova/all-MiniLM-L6-v2"');
    expect(message).toContain(path.join(modelDir, 'Xenova', 'all-MiniLM-L6-v2'));
    expect(message).toMatch(/EMBEDDING_MODEL/);
    expect(message).toMatch(/MODEL_DIR/);
  });

  it('reports a folder with an incomplete model as broken, listing what is missing', async () => {
    const partial = path.join(scratch, 'partial-model');
    cpSync(tinyDir, partial, { recursive: true });
    rmSync(path.join(partial, 'onnx'), { recursive: true });
    rmSync(path.join(partial, 'tokenizer.json'));
    const { error } = await failure(loadEmbedder(options({ model: partial })));
    expect(error).toMatchObject({ reason: 'broken' });
    expect((error as Error).message).toMatch(/tokenizer\.json.*onnx\/model_quantized\.onnx/);
  });

  it('reports a damaged ONNX file as broken, naming the file', async () => {
    const damaged = path.join(scratch, 'damaged-model');
    cpSync(tinyDir, damaged, { recursive: true });
    writeFileSync(path.join(damaged, 'onnx', 'model_quantized.onnx'), 'not a protobuf');
    const { error } = await failure(loadEmbedder(options({ model: damaged })));
    expect(error).toBeInstanceOf(ModelUnavailableError);
    expect(error).toMatchObject({ reason: 'broken' });
    expect((error as Error).message).toContain(path.join(damaged, 'onnx', 'model_quantized.onnx'));
  });

  it('loads onnx/model.onnx when a folder has no quantized file', async () => {
    const full = path.join(scratch, 'full-precision-model');
    cpSync(tinyDir, full, { recursive: true });
    rmSync(path.join(full, 'onnx', 'model_quantized.onnx'));
    const embedder = await loadEmbedder(options({ model: full }));
    try {
      expect(norm(await embedder.embedQuery('bread'))).toBeCloseTo(1, 5);
    } finally {
      await embedder.dispose();
    }
  });

  it('gives up with a timeout error when loading takes longer than timeoutMs', async () => {
    const { error } = await failure(loadEmbedder(options({ timeoutMs: 1 })));
    expect(error).toBeInstanceOf(ModelUnavailableError);
    expect(error).toMatchObject({ reason: 'timeout' });
    expect((error as Error).message).toMatch(/within 1 ms/);
  });
});
