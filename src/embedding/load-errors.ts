/**
 * Why a model could not be loaded, as an error whose message names the model, says why and how
 * to fix it; and the small tools that classify what transformers.js or onnxruntime threw.
 */

/** Why a model could not be loaded. */
export type ModelUnavailableReason = 'offline' | 'unreachable' | 'timeout' | 'not-found' | 'broken';

/**
 * The embedding model cannot be used. The message names the model, says why and how to fix it;
 * `reason` tells callers (e.g. to fall back to a lexical-only index) and `cause` keeps the original
 * error.
 */
export class ModelUnavailableError extends Error {
  override name = 'ModelUnavailableError';
  constructor(
    readonly model: string,
    readonly reason: ModelUnavailableReason,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(`Embedding model "${model}" is unavailable: ${detail} ${FIXES[reason]}`, options);
  }

  /** The same error again from its parts, e.g. after it crossed from another thread. */
  static restore(model: string, reason: ModelUnavailableReason, message: string): ModelUnavailableError {
    const error = new ModelUnavailableError(model, reason, '');
    error.message = message;
    return error;
  }
}

const FIXES: Record<ModelUnavailableReason, string> = {
  offline:
    'To fix: connect to the internet once without OFFLINE so the model is downloaded into MODEL_DIR, ' +
    'or put its files under MODEL_DIR/<model id>/, or set EMBEDDING_MODEL to a local model folder.',
  unreachable:
    'To fix: check the internet connection (or proxy) and try again so the model can be downloaded once, ' +
    'or put its files under MODEL_DIR/<model id>/, or set EMBEDDING_MODEL to a local model folder.',
  timeout:
    'To fix: try again on a faster connection, raise MODEL_LOAD_TIMEOUT_MS, ' +
    'or put the model files under MODEL_DIR/<model id>/ or set EMBEDDING_MODEL to a local model folder.',
  'not-found':
    'To fix: check EMBEDDING_MODEL: it must be a transformers.js model id with ONNX weights (such as Xenova/all-MiniLM-L6-v2) ' +
    'or an existing local model folder.',
  broken:
    'To fix: delete the model folder under MODEL_DIR so it is downloaded again, or point EMBEDDING_MODEL at a complete model folder ' +
    '(config.json, tokenizer.json, tokenizer_config.json, onnx/model_quantized.onnx or onnx/model.onnx).',
};


/** The bounded wait ran out. */
export class LoadTimeout extends Error {}

export async function withTimeout<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new LoadTimeout()), timeoutMs);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export const NETWORK_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
]);

/** The first error in the `cause` chain with a string `code` (undici hides DNS errors there). */
export function codedCause(error: unknown): { code: string; message: string } | undefined {
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    const code = (current as Error & { code?: unknown }).code;
    if (typeof code === 'string') return { code, message: current.message };
    current = current.cause;
  }
  return undefined;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
