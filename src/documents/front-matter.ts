/**
 * Front matter and other document metadata, read with a real YAML parser: scalars become strings,
 * lists of scalars are joined with ", ", nested maps are left out (they configure the site, not
 * the page). The document's own address comes from here, never from its text.
 */
import { parse } from 'yaml';

/** Metadata keys that give a document's address, in order of preference. */
const URL_KEYS = ['url', 'source', 'canonical', 'permalink'];

/** Reads a YAML front matter block into flat string metadata; malformed YAML yields no metadata rather than an error. */
export function parseFrontMatter(yamlText: string): Record<string, string> {
  let value: unknown;
  try {
    value = parse(yamlText);
  } catch {
    return {};
  }
  const metadata: Record<string, string> = {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return metadata;
  for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
    const text = scalarText(entry);
    if (text !== undefined && text.length > 0) metadata[key.toLowerCase()] = text;
  }
  return metadata;
}

function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString().slice(0, 10);
  if (Array.isArray(value)) {
    const parts = value.map(scalarText).filter((part): part is string => part !== undefined && part.length > 0);
    return parts.length === value.length && parts.length > 0 ? parts.join(', ') : undefined;
  }
  return undefined;
}

/** An absolute http(s) address, or undefined. */
export function absoluteUrl(candidate: string | undefined): string | undefined {
  if (!candidate) return undefined;
  try {
    const url = new URL(candidate.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

/** The document's address from its metadata: the first of `url`, `source`, `canonical`, `permalink` that is an absolute link. */
export function urlFromMetadata(metadata: Record<string, string>): string | undefined {
  for (const key of URL_KEYS) {
    const url = absoluteUrl(metadata[key]);
    if (url) return url;
  }
  return undefined;
}
