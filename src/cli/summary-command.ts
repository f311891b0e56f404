/** `npm run summary -- [--json] [--docs DIR] [--index DIR] [document]`: an extractive summary. */
import { formatSummary, openQa, parseCli, runCommand } from './shared.ts';

runCommand(async () => {
  const { config, logger, json, positionals } = parseCli(process.argv.slice(2));
  const qa = await openQa(config, logger);
  try {
    const summary = await qa.summarize(positionals.length > 0 ? positionals.join(' ') : undefined);
    process.stdout.write(json ? `${JSON.stringify({ sentences: summary.sentences }, null, 2)}\n` : `${formatSummary(summary)}\n`);
    return 0;
  } finally {
    await qa.close();
  }
});
