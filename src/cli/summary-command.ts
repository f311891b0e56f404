/** `npm run summary -- [--json] [--docs DIR] [--index DIR] [document]`: an extractive summary. */
import path from 'node:path';
import { formatSummary, openQa, parseCli, runCommand } from './shared.ts';

/**
 * A document named on the command line: a path to a file in the documents folder (`seeds/a.txt`,
 * relative to the working directory or absolute) becomes its source path; any other name is kept.
 */
function documentName(requested: string, docsDir: string): string {
  const relative = path.relative(path.resolve(docsDir), path.resolve(requested));
  const inside = relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
  return inside ? relative.split(path.sep).join('/') : requested;
}

runCommand(async () => {
  const { config, logger, json, positionals } = parseCli(process.argv.slice(2));
  const qa = await openQa(config, logger);
  try {
    const requested = positionals.length > 0 ? documentName(positionals.join(' '), config.docsDir) : undefined;
    const summary = await qa.summarize(requested);
    process.stdout.write(json ? `${JSON.stringify({ sentences: summary.sentences }, null, 2)}\n` : `${formatSummary(summary)}\n`);
    return 0;
  } finally {
    await qa.close();
  }
});
