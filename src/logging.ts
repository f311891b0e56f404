/**
 * A small leveled logger writing one line per event to stderr (stdout stays free for the CLI's
 * JSON). Secrets registered with `redact` are replaced in every line, so a token that ends up in
 * an error message never reaches a log.
 */
import type { LogLevel } from './config.ts';

const LEVEL_ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export type LogContext = Record<string, unknown>;

export interface Logger {
  debug(message: string, context?: LogContext): void;
  info(message: string, context?: LogContext): void;
  warn(message: string, context?: LogContext): void;
  error(message: string, context?: LogContext): void;
  /** Hides this value from every later line of this logger and its children. */
  redact(secret: string): void;
  /** A logger that adds `context` to every line. */
  child(context: LogContext): Logger;
}

export interface LoggerOptions {
  /** Least level written. Default: `info`. */
  level?: LogLevel;
  /** Where lines go. Default: `process.stderr`. */
  write?: (line: string) => void;
}

function formatValue(value: unknown): string {
  if (value instanceof Error) return JSON.stringify(value.stack ?? value.message);
  if (typeof value === 'string') return /[\s"=]/.test(value) ? JSON.stringify(value) : value;
  return JSON.stringify(value) ?? String(value);
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const threshold = LEVEL_ORDER[options.level ?? 'info'];
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const secrets: string[] = [];

  function make(bound: LogContext): Logger {
    const emit = (level: LogLevel, message: string, context?: LogContext) => {
      if (LEVEL_ORDER[level] < threshold) return;
      const fields = { ...bound, ...context };
      const tail = Object.entries(fields)
        .filter(([, value]) => value !== undefined)
        .map(([key, value]) => `${key}=${formatValue(value)}`)
        .join(' ');
      let line = `${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} ${message}${tail ? ` ${tail}` : ''}`;
      for (const secret of secrets) line = line.split(secret).join('[redacted]');
      write(line);
    };
    return {
      debug: (message, context) => emit('debug', message, context),
      info: (message, context) => emit('info', message, context),
      warn: (message, context) => emit('warn', message, context),
      error: (message, context) => emit('error', message, context),
      redact: (secret) => {
        if (secret.length >= 4 && !secrets.includes(secret)) secrets.push(secret);
      },
      child: (context) => make({ ...bound, ...context }),
    };
  }
  return make({});
}

/** A logger that drops everything, for tests and library use. */
export const silentLogger: Logger = createLogger({ write: () => {} });
