/** The words of a loud warning, shared by the log line (the default) and the CLI's banner. */
import type { ServiceNotice } from './types.ts';

/** The headline of a notice: what went wrong, and why. */
export function noticeHeadline(notice: ServiceNotice): string {
  return notice.kind === 'model-unavailable'
    ? `The embedding model could not be loaded: ${notice.reason}`
    : `The index could not be saved: ${notice.reason}`;
}

/** A notice on one line, for a log. */
export function noticeText(notice: ServiceNotice): string {
  return `${noticeHeadline(notice)} ${notice.consequence}`;
}
