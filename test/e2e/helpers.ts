/** Shared set-up for the Discord end-to-end tests: documents, configuration, logger, the core. */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type AppConfig } from '../../src/config.ts';
import { createLogger, type Logger } from '../../src/logging.ts';

/** A fake token shaped like a real one (three base64url parts); tests check it never reaches a log. */
export const FAKE_TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.GfAkEx.loopback-test-token-not-a-secret-0123456';

export const LIGHTHOUSE = `# Lighthouse Keeper's Manual

The keeper lights the lamp at sunset every evening and trims the wick at midnight. The lamp burns paraffin oil and must never be left unattended during a storm.

In thick fog the keeper sounds the foghorn every thirty seconds until visibility returns. The foghorn is driven by compressed air from the engine room.

The logbook records the weather, passing ships and every repair. Entries are written in ink and signed by the keeper on duty.
`;

export const BREAD = `Sourdough starter

A sourdough starter is a culture of wild yeast and lactic acid bacteria kept in flour and water. Feed the starter twice a day with equal weights of flour and water.

The dough rises slowly overnight in a cool kitchen. Bake the loaf in a preheated cast iron pot at a high temperature for crisp crust.
`;

/** Text that would ping or render as markdown if it were not escaped and mentions were allowed. */
export const TRAPS = `# Announcements board

@everyone the **quarterly meeting** moves to the _harbour office_ on Friday; bring the ~~old~~ new badge. <@&123456789012345678> and @here please confirm.
`;

export interface TestWorkspace {
  root: string;
  docsDir: string;
  indexDir: string;
  cleanup(): void;
}

/** A temporary documents folder with crafted documents (and one unsupported file), and an index folder. */
export function makeWorkspace(): TestWorkspace {
  const root = mkdtempSync(path.join(os.tmpdir(), 'docs-bot-e2e-'));
  const docsDir = path.join(root, 'docs');
  const indexDir = path.join(root, 'index');
  mkdirSync(path.join(docsDir, 'guides'), { recursive: true });
  writeFileSync(path.join(docsDir, 'guides', 'lighthouse.md'), LIGHTHOUSE);
  writeFileSync(path.join(docsDir, 'sourdough.txt'), BREAD);
  writeFileSync(path.join(docsDir, 'announcements.txt'), TRAPS);
  writeFileSync(path.join(docsDir, 'floor-plan.dwg'), 'AC1032 not indexed');
  return { root, docsDir, indexDir, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** Configuration for a test, built by the real loader (no process.env), then adjusted. */
export function testConfig(workspace: TestWorkspace, apiBase: string, overrides: Partial<AppConfig> = {}): AppConfig {
  const base = loadConfig(
    {},
    {
      env: {
        DOCS_DIR: workspace.docsDir,
        INDEX_DIR: workspace.indexDir,
        // No model in the test folder and no download: the real core builds a lexical (BM25) index.
        EMBEDDING_MODEL: path.join(workspace.root, 'no-model-here'),
        OFFLINE: 'true',
        DISCORD_TOKEN: FAKE_TOKEN,
        DISCORD_API_BASE: apiBase,
        LOG_LEVEL: 'debug',
      },
      cwd: workspace.root,
    },
  );
  return { ...base, ...overrides };
}

export interface CapturedLogger {
  logger: Logger;
  lines: string[];
  text(): string;
}

/** A real logger (with the token redacted, as main.ts does) writing into an array. */
export function captureLogger(token: string = FAKE_TOKEN): CapturedLogger {
  const lines: string[] = [];
  const logger = createLogger({ level: 'debug', write: (line) => lines.push(line) });
  logger.redact(token);
  return { logger, lines, text: () => lines.join('\n') };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
