import { rmSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runTerminalChat } from '../src/cli/chat.ts';
import { silentLogger } from '../src/logging.ts';
import { untilOutput } from './support/until.ts';
import { seedFolder, tempDir, testConfig } from './support/temp.ts';


describe('the terminal chat', () => {
  it('keeps answering from the old index when /reindex fails, and says why', async () => {
    const docsDir = seedFolder();
    const input = new PassThrough();
    const output = new PassThrough();
    let text = '';
    output.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    const config = testConfig({ DOCS_DIR: docsDir, INDEX_DIR: tempDir(), EMBEDDING_MODEL: 'none' });
    const finished = runTerminalChat(config, { logger: silentLogger, input, output });

    await untilOutput(() => text, /Type \/help/);
    rmSync(docsDir, { recursive: true, force: true });
    input.write('/reindex\n');
    await untilOutput(() => text, /could not be rebuilt/);
    input.write('Who claimed responsibility for the Kerman bombings?\n');
    input.end();
    expect(await finished).toBe(0);

    expect(text).toMatch(/The index could not be rebuilt: The documents folder .* does not exist/);
    expect(text).toMatch(/previous index is still answering questions/);
    expect(text).toMatch(/\[1\] ISIS claimed responsibility/);
  });
});
