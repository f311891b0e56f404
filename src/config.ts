/**
 * The only reader of `process.env`. Settings come from, in order of precedence: command-line
 * flags (passed in by the CLI as overrides), the environment (and `.env`, loaded by dotenv), and
 * the defaults documented on each field below. Everything is validated once, here, so the rest of
 * the code receives a typed, trusted `AppConfig`.
 */
import path from 'node:path';
import { config as loadDotenv } from 'dotenv';
import { z } from 'zod';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface AppConfig {
  /** Folder of documents to answer from. Env `DOCS_DIR`, flag `--docs`. Default: `seeds`. */
  docsDir: string;
  /** Folder holding the built index. Env `INDEX_DIR`, flag `--index`. Default: `embeddings`. */
  indexDir: string;
  /**
   * Embedding model: a Hugging Face model id (downloaded once, then cached) or a local folder.
   * `none` means BM25 alone, on purpose. Env `EMBEDDING_MODEL`. Default: `Xenova/all-MiniLM-L6-v2`.
   */
  embeddingModel: string;
  /** Where models are cached or provided offline. Env `MODEL_DIR`. Default: `<indexDir>/models`. */
  modelDir: string;
  /**
   * Fail indexing when the model cannot be loaded, instead of building a lexical-only index.
   * Env `REQUIRE_MODEL` (`true`/`false`). Default: false.
   */
  requireModel: boolean;
  /**
   * Never download a model: only the cache and local folders are used. Env `OFFLINE`. Default: false.
   */
  offline: boolean;
  /** How long to wait for a model to download or load before giving up. Env `MODEL_LOAD_TIMEOUT_MS`. Default: 60000. */
  modelLoadTimeoutMs: number;
  /** Longest excerpt shown, in characters. Env `EXCERPT_MAX_CHARS`. Default: 300. */
  excerptMaxChars: number;
  /** Most excerpts in one answer. Env `MAX_EXCERPTS`. Default: 3. */
  maxExcerpts: number;
  /** Longest question accepted, in characters. Env `MAX_QUESTION_CHARS`. Default: 500. */
  maxQuestionChars: number;
  /** Files larger than this are skipped when indexing. Env `MAX_DOCUMENT_BYTES`. Default: 10 MiB. */
  maxDocumentBytes: number;
  /** Discord bot token; without it `npm start` opens the terminal chat. Env `DISCORD_TOKEN`. */
  discordToken: string | undefined;
  /** Register slash commands to this server only (instant) instead of globally. Env `DISCORD_GUILD_ID`. */
  discordGuildId: string | undefined;
  /** REST base URL, for a REST proxy or a test stand-in. Env `DISCORD_API_BASE`. Default: Discord's own. */
  discordApiBase: string | undefined;
  /** Users who may `/reindex` besides members with Manage Server. Env `ADMIN_USER_IDS` (comma-separated). */
  adminUserIds: string[];
  /** Roles whose members may `/reindex`. Env `ADMIN_ROLE_IDS` (comma-separated). */
  adminRoleIds: string[];
  /** Seconds a user waits between two questions. Env `ASK_COOLDOWN_SECONDS`. Default: 5 (0 turns it off). */
  askCooldownSeconds: number;
  /** Least level logged. Env `LOG_LEVEL`. Default: `info`. */
  logLevel: LogLevel;
  /**
   * The site where the documents are published: a citation links to `<base>/<file path without
   * extension>` (with the section's anchor). Document metadata (`url`, `source`, `permalink`, the
   * HTML canonical link) wins over it. Env `DOCS_BASE_URL`. Default: none (no links but metadata).
   */
  docsBaseUrl: string | undefined;
  /**
   * Text and forum channels where every new message (or forum post) from a member is treated as a
   * question, without a mention. Needs the privileged Message Content intent, requested only when
   * this is set. Env `ANSWER_CHANNEL_IDS` (comma-separated). Default: none.
   */
  answerChannelIds: string[];
  /** Answer a message in a text channel in a new thread started from it. Env `ANSWER_IN_THREADS`. Default: false. */
  answerInThreads: boolean;
  /**
   * Folder of the bot's own database (questions, feedback), kept across reindexing and restarts.
   * Env `STATE_DIR`. Default: `state`.
   */
  stateDir: string;
  /** Whether questions and feedback are stored at all. Env `STATS` (`on`/`off`). Default: on. */
  statsEnabled: boolean;
  /** Days a stored question is kept before it is pruned. Env `STATS_RETENTION_DAYS`. Default: 90. */
  statsRetentionDays: number;
  /** Sentences in a summary (about a news highlight). Env `SUMMARY_SENTENCES`. Default: 3. */
  summarySentences: number;
}

/** Values from command-line flags; they win over the environment. */
export type ConfigOverrides = Partial<Pick<AppConfig, 'docsDir' | 'indexDir' | 'embeddingModel' | 'modelDir'>>;

/** A setting has a value that cannot be used; the message names the variable and what is wrong. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const DEFAULT_MODEL = 'Xenova/all-MiniLM-L6-v2';

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const idList = z
  .string()
  .transform((value) => value.split(',').map((id) => id.trim()).filter((id) => id.length > 0))
  .refine((ids) => ids.every((id) => /^\d{5,25}$/.test(id)), 'must be comma-separated Discord ids (digits only)');

const envSchema = z.object({
  DOCS_DIR: z.string().min(1).optional(),
  INDEX_DIR: z.string().min(1).optional(),
  EMBEDDING_MODEL: z.string().min(1).optional(),
  MODEL_DIR: z.string().min(1).optional(),
  REQUIRE_MODEL: booleanFromEnv.optional(),
  OFFLINE: booleanFromEnv.optional(),
  MODEL_LOAD_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).optional(),
  EXCERPT_MAX_CHARS: z.coerce.number().int().min(80).max(1000).optional(),
  MAX_EXCERPTS: z.coerce.number().int().min(1).max(10).optional(),
  MAX_QUESTION_CHARS: z.coerce.number().int().min(10).max(4000).optional(),
  MAX_DOCUMENT_BYTES: z.coerce.number().int().min(1).optional(),
  DISCORD_TOKEN: z.string().optional(),
  DISCORD_GUILD_ID: z.string().regex(/^\d{5,25}$/, 'must be a Discord server id (digits only)').optional(),
  DISCORD_API_BASE: z.string().url('must be a URL such as https://discord.com/api').optional(),
  ADMIN_USER_IDS: idList.optional(),
  ADMIN_ROLE_IDS: idList.optional(),
  ASK_COOLDOWN_SECONDS: z.coerce.number().min(0).max(3600).optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).optional(),
  DOCS_BASE_URL: z.string().url('must be a URL such as https://docs.example.com/').optional(),
  ANSWER_CHANNEL_IDS: idList.optional(),
  ANSWER_IN_THREADS: booleanFromEnv.optional(),
  STATE_DIR: z.string().min(1).optional(),
  STATS: z.enum(['on', 'off']).optional(),
  STATS_RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).optional(),
  SUMMARY_SENTENCES: z.coerce.number().int().min(1).max(20).optional(),
});

/** Every environment variable the configuration reads (documented in .env.example and the README). */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(envSchema.shape);

/** Empty strings in `.env` files mean "not set". */
function withoutEmpty(env: NodeJS.ProcessEnv): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && value.trim() !== '') result[key] = value.trim();
  }
  return result;
}

/**
 * Builds the configuration from an environment (default: `process.env` after loading `.env`).
 * Relative folders are resolved against `cwd`. Throws `ConfigError` naming each bad variable.
 */
export function loadConfig(
  overrides: ConfigOverrides = {},
  options: { env?: NodeJS.ProcessEnv; cwd?: string; loadDotenvFile?: boolean } = {},
): AppConfig {
  const cwd = options.cwd ?? process.cwd();
  if (options.env === undefined && options.loadDotenvFile !== false) {
    loadDotenv({ path: path.join(cwd, '.env'), quiet: true });
  }
  const parsed = envSchema.safeParse(withoutEmpty(options.env ?? process.env));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const message = issue.code === 'invalid_type' && issue.expected === 'number' ? 'must be a number' : issue.message;
      return `${issue.path.join('.')} ${message}`;
    });
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}. Fix it in .env or the environment.`);
  }
  const env = parsed.data;
  const indexDir = path.resolve(cwd, overrides.indexDir ?? env.INDEX_DIR ?? 'embeddings');
  return {
    docsDir: path.resolve(cwd, overrides.docsDir ?? env.DOCS_DIR ?? 'seeds'),
    indexDir,
    embeddingModel: overrides.embeddingModel ?? env.EMBEDDING_MODEL ?? DEFAULT_MODEL,
    modelDir: path.resolve(cwd, overrides.modelDir ?? env.MODEL_DIR ?? path.join(indexDir, 'models')),
    requireModel: env.REQUIRE_MODEL ?? false,
    offline: env.OFFLINE ?? false,
    modelLoadTimeoutMs: env.MODEL_LOAD_TIMEOUT_MS ?? 60_000,
    excerptMaxChars: env.EXCERPT_MAX_CHARS ?? 300,
    maxExcerpts: env.MAX_EXCERPTS ?? 3,
    maxQuestionChars: env.MAX_QUESTION_CHARS ?? 500,
    maxDocumentBytes: env.MAX_DOCUMENT_BYTES ?? 10 * 1024 * 1024,
    discordToken: env.DISCORD_TOKEN,
    discordGuildId: env.DISCORD_GUILD_ID,
    discordApiBase: env.DISCORD_API_BASE,
    adminUserIds: env.ADMIN_USER_IDS ?? [],
    adminRoleIds: env.ADMIN_ROLE_IDS ?? [],
    askCooldownSeconds: env.ASK_COOLDOWN_SECONDS ?? 5,
    logLevel: env.LOG_LEVEL ?? 'info',
    docsBaseUrl: env.DOCS_BASE_URL,
    answerChannelIds: env.ANSWER_CHANNEL_IDS ?? [],
    answerInThreads: env.ANSWER_IN_THREADS ?? false,
    stateDir: path.resolve(cwd, env.STATE_DIR ?? 'state'),
    statsEnabled: (env.STATS ?? 'on') === 'on',
    statsRetentionDays: env.STATS_RETENTION_DAYS ?? 90,
    summarySentences: env.SUMMARY_SENTENCES ?? 3,
  };
}

/**
 * For entry points (`npm start`, `npm run deploy-commands`): the configuration, or undefined
 * after writing what is wrong with it, so the caller exits with code 2 instead of a stack trace.
 */
export function loadConfigOrExplain(writeError: (text: string) => void): AppConfig | undefined {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      writeError(error.message);
      return undefined;
    }
    throw error;
  }
}
