/**
 * Where a model comes from: a local folder in the transformers.js layout, or a hub id whose files
 * are (or will be) under `modelDir`. Missing pieces are reported before any loading starts.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { ModelUnavailableError } from './load-errors.ts';
import type { EmbedderOptions } from './types.ts';

const REQUIRED_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json'] as const;
export const QUANTIZED_ONNX = path.join('onnx', 'model_quantized.onnx');
export const FULL_ONNX = path.join('onnx', 'model.onnx');

export type ModelSource =
  | { kind: 'folder'; dir: string; quantized: boolean }
  | { kind: 'hub'; id: string; cachedDir: string; quantized: boolean | undefined };

const HUB_ID = /^[A-Za-z0-9][\w.-]*(\/[\w.-]+)?$/;

function isDirectory(candidate: string): boolean {
  try {
    return statSync(candidate).isDirectory();
  } catch {
    return false;
  }
}

function looksLikePath(model: string): boolean {
  return path.isAbsolute(model) || /^(\.{1,2}|~)([\\/]|$)/.test(model) || model.includes('\\');
}

/** Which ONNX file a folder offers: quantized first, like transformers.js; undefined if neither. */
function onnxChoice(dir: string): boolean | undefined {
  if (existsSync(path.join(dir, QUANTIZED_ONNX))) return true;
  if (existsSync(path.join(dir, FULL_ONNX))) return false;
  return undefined;
}

function missingFiles(dir: string): string[] {
  const missing: string[] = REQUIRED_FILES.filter((file) => !existsSync(path.join(dir, file)));
  if (onnxChoice(dir) === undefined) missing.push(`${QUANTIZED_ONNX} (or ${FULL_ONNX})`);
  return missing;
}

export function locateModel(options: EmbedderOptions): ModelSource {
  const { model, modelDir, offline } = options;
  const asFolder = path.resolve(model);
  if (isDirectory(asFolder)) {
    const missing = missingFiles(asFolder);
    if (missing.length > 0) {
      throw new ModelUnavailableError(model, 'broken', `the folder ${asFolder} lacks ${missing.join(', ')}.`);
    }
    return { kind: 'folder', dir: asFolder, quantized: onnxChoice(asFolder) ?? true };
  }
  if (looksLikePath(model) || !HUB_ID.test(model)) {
    throw new ModelUnavailableError(model, 'not-found', `there is no model folder at ${asFolder}.`);
  }
  const cachedDir = path.join(modelDir, ...model.split('/'));
  const missing = missingFiles(cachedDir);
  if (offline && missing.length > 0) {
    throw new ModelUnavailableError(
      model,
      'offline',
      `offline mode is on and ${cachedDir} lacks ${missing.join(', ')}.`,
    );
  }
  return { kind: 'hub', id: model, cachedDir, quantized: onnxChoice(cachedDir) };
}
