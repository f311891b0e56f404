/**
 * Describing errors for logs without leaking secrets: discord.js errors carry request URLs (an
 * interaction's webhook URL contains its token) and request bodies; they are never logged raw.
 */
import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';

/** What a person sees when Discord refuses the token (printed to stderr, then exit code 1). */
export const TOKEN_REJECTED_MESSAGE =
  'Discord rejected DISCORD_TOKEN: it is not a valid bot token (mistyped, revoked, or reset since). ' +
  'Reset it in the Developer Portal (https://discord.com/developers/applications → your application → Bot → ' +
  'Reset Token), then put the new token in DISCORD_TOKEN (in .env or the environment). See docs/DISCORD.md.';

/** What a person sees when Discord refuses the Message Content intent (gateway close 4014), then exit code 1. */
export const DISALLOWED_INTENTS_MESSAGE =
  'Discord refused the Message Content intent (gateway close code 4014). ANSWER_CHANNEL_IDS is set, and reading messages ' +
  'that do not mention the bot needs it: turn on "Message Content Intent" in the Developer Portal ' +
  '(https://discord.com/developers/applications → your application → Bot → Privileged Gateway Intents) and restart, ' +
  'or unset ANSWER_CHANNEL_IDS to answer only slash commands and mentions. See docs/DISCORD.md.';

/** Discord closed the gateway session for good (an unrecoverable close code) before or while the bot ran. */
export class GatewayClosedError extends Error {
  override name = 'GatewayClosedError';
  constructor(readonly code: number) {
    super(`Discord closed the gateway session for good (close code ${code})`);
  }
}

/**
 * True when Discord refused a privileged intent: the gateway's close 4014, which discord.js turns
 * into an "Used disallowed intents" error (or its DisallowedIntents code) while logging in.
 */
export function isDisallowedIntents(error: unknown): boolean {
  if (error instanceof GatewayClosedError) return error.code === 4014;
  if (hasCode(error) && error.code === 'DisallowedIntents') return true;
  return error instanceof Error && /disallowed intents/i.test(error.message);
}

/** The message for a gateway session closed for good: a refused intent or token, or the code. */
export function explainGatewayClose(code: number): string {
  if (code === 4014) return DISALLOWED_INTENTS_MESSAGE;
  if (code === 4004) return TOKEN_REJECTED_MESSAGE;
  return `Discord closed the gateway session for good (close code ${code}); the bot stops.`;
}

/** A token-shaped string: three base64url parts separated by dots. */
const TOKEN_SHAPE = /[\w-]{20,}\.[\w-]{5,}\.[\w-]{20,}/g;

/** Hides interaction and webhook tokens in URLs and routes, and anything shaped like a bot token. */
export function sanitize(text: string): string {
  return text
    .replace(/(\/webhooks\/\d+\/)[^/?\s"']+/g, '$1[token]')
    .replace(/(\/interactions\/\d+\/)[^/?\s"']+/g, '$1[token]')
    .replace(/((?:Bot|Bearer)\s+)[\w.-]+/gi, '$1[redacted]')
    .replace(TOKEN_SHAPE, '[redacted]');
}

function hasCode(error: unknown): error is { code: unknown } {
  return typeof error === 'object' && error !== null && 'code' in error;
}

/**
 * True when Discord refused the bot's token: discord.js's TokenInvalid (a 401 on `/gateway/bot`),
 * any REST 401, or the gateway closing with 4004 "Authentication failed".
 */
export function isTokenRejected(error: unknown): boolean {
  if (hasCode(error) && error.code === 'TokenInvalid') return true;
  if (error instanceof DiscordAPIError || error instanceof HTTPError) return error.status === 401;
  if (error instanceof Error && /^Authentication failed/.test(error.message)) return true;
  return false;
}

/**
 * One line for a log: the error's name, Discord code and HTTP status, method and route (tokens
 * hidden) and message. Request bodies and headers are left out.
 */
export function describeError(error: unknown): string {
  if (error instanceof DiscordAPIError) {
    return sanitize(`DiscordAPIError[${String(error.code)}] ${error.status} ${error.method.toUpperCase()} ${error.url}: ${error.message}`);
  }
  if (error instanceof HTTPError) {
    return sanitize(`HTTPError ${error.status} ${error.method.toUpperCase()} ${error.url}: ${error.message}`);
  }
  if (error instanceof RateLimitError) {
    return sanitize(`RateLimitError ${error.method.toUpperCase()} ${error.route}: retry after ${error.retryAfter} ms`);
  }
  if (error instanceof Error) {
    const code = hasCode(error) && error.code !== undefined ? `[${String(error.code)}]` : '';
    return sanitize(`${error.name}${code}: ${error.message}`);
  }
  return sanitize(String(error));
}

/** The stack of an unexpected (non-Discord) error, sanitized, for the log; undefined otherwise. */
export function errorStack(error: unknown): string | undefined {
  if (error instanceof DiscordAPIError || error instanceof HTTPError || error instanceof RateLimitError) return undefined;
  return error instanceof Error && error.stack ? sanitize(error.stack) : undefined;
}
