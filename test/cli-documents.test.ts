import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderWith, PROJECT_ROOT, tempDir } from './support/temp.ts';

function npm(args: string[]) {
  const result = spawnSync('npm', ['run', '-s', ...args], {
    cwd: PROJECT_ROOT,
    input: '',
    encoding: 'utf8',
    timeout: 60_000,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', EMBEDDING_MODEL: '/nonexistent/model', DISCORD_TOKEN: '' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the command line and the documents folder', () => {
  it('`index` of an empty folder says it has no documents and which formats are read', () => {
    const { status, stderr } = npm(['index', '--', '--docs', tempDir(), '--index', tempDir()]);
    expect(status).toBe(0);
    expect(stderr).toMatch(/has no documents to answer from/);
    expect(stderr).toMatch(/Markdown \(\.md.*HTML \(\.html.*PDF \(\.pdf\).*Word \(\.docx\).*text \(\.txt\)/);
  });

  it('`summary` accepts a path to a file in the documents folder, as the README says', () => {
    const docs = folderWith({ 'guide/lamps.md': '# Lamps\n\nArgand lamps use a hollow wick. Their flame burns brighter than a candle.' });
    const { status, stdout, stderr } = npm(['summary', '--', '--json', '--docs', docs, '--index', tempDir(), path.join(docs, 'guide', 'lamps.md')]);
    expect(status, stderr).toBe(0);
    const summary = JSON.parse(stdout) as { sentences: { source: string }[] };
    expect(summary.sentences[0]?.source).toBe('guide/lamps.md');
  });

  it('`ask --json` gives each excerpt its kind, parts, section and the link from the document\'s metadata', () => {
    const docs = folderWith({ 'guide.md': '---\nurl: https://lamps.example/guide\n---\n\n# Lamp guide\n\n## Wicks\n\nTrim the wick with **sharp** scissors before lighting.\n' });
    const { status, stdout, stderr } = npm(['ask', '--', '--json', '--docs', docs, '--index', tempDir(), 'How do I trim the wick?']);
    expect(status, stderr).toBe(0);
    const answer = JSON.parse(stdout) as { excerpts: Record<string, unknown>[] };
    expect(answer.excerpts[0]).toMatchObject({
      text: 'Trim the wick with sharp scissors before lighting.',
      kind: 'prose',
      parts: [{ kind: 'paragraph', text: 'Trim the wick with sharp scissors before lighting.' }],
      location: 'Wicks',
      url: 'https://lamps.example/guide#wicks',
      title: 'Lamp guide',
    });
  });
});
