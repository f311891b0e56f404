/**
 * How each known embedding model wants to be used: how token vectors become one sentence vector
 * (pooling) and which instruction prefix goes before queries and passages. Using the wrong
 * pooling or forgetting a prefix silently costs retrieval quality, so these come from the models'
 * own cards; a model not listed here gets mean pooling, normalisation and no prefixes, which is
 * right for most sentence-transformers models.
 */

/** `mean`: average of the token vectors (masked); `cls`: the first token's vector. */
export type Pooling = 'mean' | 'cls';

export interface ModelPreset {
  /** How token vectors are pooled. Default for unknown models: `mean`. */
  pooling: Pooling;
  /** Whether vectors are L2-normalised. Default: true (cosine similarity needs it). */
  normalize: boolean;
  /** Put before every query, e.g. `query: `. Default: none. */
  queryPrefix: string;
  /** Put before every passage that is indexed, e.g. `passage: `. Default: none. */
  passagePrefix: string;
  /**
   * Cosine similarity from which a passage counts as on topic by meaning alone (an answer is
   * otherwise declined unless enough of the question's words are found). Models whose
   * similarities crowd near 1 (e5, gte) need a higher bar. Default: 0.6.
   */
  relevantSimilarity: number;
}

export interface ResolvedPreset extends ModelPreset {
  /** The preset's model id when one matched, or null when the defaults apply. */
  presetId: string | null;
}

/** Used for models without a preset. */
export const DEFAULT_PRESET: Readonly<ModelPreset> = Object.freeze({
  pooling: 'mean',
  normalize: true,
  queryPrefix: '',
  passagePrefix: '',
  relevantSimilarity: 0.6,
});

const BGE_QUERY_PREFIX = 'Represent this sentence for searching relevant passages: ';

const meanPooling: ModelPreset = { ...DEFAULT_PRESET, relevantSimilarity: 0.5 };
const gteStyle: ModelPreset = { ...DEFAULT_PRESET, relevantSimilarity: 0.85 };
const bgeStyle: ModelPreset = { pooling: 'cls', normalize: true, queryPrefix: BGE_QUERY_PREFIX, passagePrefix: '', relevantSimilarity: 0.7 };
const e5Style: ModelPreset = { pooling: 'mean', normalize: true, queryPrefix: 'query: ', passagePrefix: 'passage: ', relevantSimilarity: 0.85 };
const nomicStyle: ModelPreset = {
  pooling: 'mean',
  normalize: true,
  queryPrefix: 'search_query: ',
  passagePrefix: 'search_document: ',
  relevantSimilarity: 0.6,
};

/** Known models by hub id. Matching ignores case and also works on the last path segment. */
export const MODEL_PRESETS: Readonly<Record<string, Readonly<ModelPreset>>> = Object.freeze({
  // sentence-transformers: mean pooling, no instructions.
  'Xenova/all-MiniLM-L6-v2': meanPooling,
  'Xenova/all-MiniLM-L12-v2': meanPooling,
  'Xenova/all-mpnet-base-v2': meanPooling,
  'Xenova/paraphrase-MiniLM-L6-v2': meanPooling,
  'Xenova/paraphrase-multilingual-MiniLM-L12-v2': meanPooling,
  'Xenova/multi-qa-MiniLM-L6-cos-v1': meanPooling,
  // BAAI BGE v1.5 (and v1): CLS pooling, an instruction before queries only.
  'Xenova/bge-small-en-v1.5': bgeStyle,
  'Xenova/bge-base-en-v1.5': bgeStyle,
  'Xenova/bge-large-en-v1.5': bgeStyle,
  'Xenova/bge-small-en': bgeStyle,
  'Xenova/bge-base-en': bgeStyle,
  'Xenova/bge-large-en': bgeStyle,
  // Models trained with the BGE query instruction and CLS pooling.
  'mixedbread-ai/mxbai-embed-large-v1': bgeStyle,
  'Snowflake/snowflake-arctic-embed-xs': bgeStyle,
  'Snowflake/snowflake-arctic-embed-s': bgeStyle,
  'Snowflake/snowflake-arctic-embed-m': bgeStyle,
  // E5: "query: " / "passage: " and mean pooling.
  'Xenova/e5-small-v2': e5Style,
  'Xenova/e5-base-v2': e5Style,
  'Xenova/e5-large-v2': e5Style,
  'Xenova/e5-small': e5Style,
  'Xenova/e5-base': e5Style,
  'Xenova/e5-large': e5Style,
  'Xenova/multilingual-e5-small': e5Style,
  'Xenova/multilingual-e5-base': e5Style,
  'Xenova/multilingual-e5-large': e5Style,
  // GTE: mean pooling, no instructions.
  'Xenova/gte-small': gteStyle,
  'Xenova/gte-base': gteStyle,
  'Xenova/gte-large': gteStyle,
  // Nomic: task prefixes, mean pooling.
  'nomic-ai/nomic-embed-text-v1': nomicStyle,
  'nomic-ai/nomic-embed-text-v1.5': nomicStyle,
  // Jina v2: mean pooling, no instructions.
  'Xenova/jina-embeddings-v2-small-en': { ...meanPooling, relevantSimilarity: 0.6 },
  'Xenova/jina-embeddings-v2-base-en': { ...meanPooling, relevantSimilarity: 0.6 },
});

/** Lower case, `/` separators, no trailing separator. */
function normaliseModelName(model: string): string {
  return model.trim().replace(/\\/g, '/').replace(/\/+$/, '').toLowerCase();
}

function lastSegment(normalised: string): string {
  return normalised.slice(normalised.lastIndexOf('/') + 1);
}

const BY_ID = new Map<string, string>();
const BY_NAME = new Map<string, string>();
for (const id of Object.keys(MODEL_PRESETS)) {
  const normalised = normaliseModelName(id);
  BY_ID.set(normalised, id);
  // First listed wins if two owners publish the same name (none do today).
  if (!BY_NAME.has(lastSegment(normalised))) BY_NAME.set(lastSegment(normalised), id);
}

/**
 * The preset for a model id or local folder: an exact id match (any case) first, then a match on
 * the last path segment, so `BAAI/bge-small-en-v1.5` and `/models/bge-small-en-v1.5/` both get the
 * `Xenova/bge-small-en-v1.5` preset. Unknown models get `DEFAULT_PRESET`.
 */
export function resolveModelPreset(model: string): ResolvedPreset {
  const normalised = normaliseModelName(model);
  const presetId = BY_ID.get(normalised) ?? BY_NAME.get(lastSegment(normalised)) ?? null;
  const preset = presetId === null ? DEFAULT_PRESET : (MODEL_PRESETS[presetId] ?? DEFAULT_PRESET);
  return { ...preset, presetId };
}

/** The text actually embedded for a query: the preset's query prefix, then the query. */
export function formatQuery(preset: ModelPreset, query: string): string {
  return `${preset.queryPrefix}${query}`;
}

/** The text actually embedded for a passage: the preset's passage prefix, then the passage. */
export function formatPassage(preset: ModelPreset, passage: string): string {
  return `${preset.passagePrefix}${passage}`;
}
