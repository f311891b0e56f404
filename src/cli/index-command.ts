/** `npm run index -- [--docs DIR] [--index DIR] [--json]`: (re)builds the index and reports it. */
import { openQa, parseCli, plural, runCommand } from './shared.ts';

runCommand(async () => {
  const { config, logger, json } = parseCli(process.argv.slice(2));
  const started = performance.now();
  const qa = await openQa(config, logger, { forceRebuild: true, phaseLines: !json });
  try {
    const info = qa.info();
    const report = {
      documents: info.documents.length,
      passages: info.passages,
      skipped: info.skipped,
      mode: info.mode,
      model: info.model,
      modelWarning: qa.modelWarning,
      indexDir: config.indexDir,
      durationMs: Math.round(performance.now() - started),
    };
    if (json) {
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    } else {
      process.stdout.write(
        [
          `Indexed ${plural(report.documents, 'document')} into ${plural(report.passages, 'passage')} in ${report.durationMs} ms (${report.mode} mode${report.model ? `, ${report.model}` : ''}).`,
          ...report.skipped.map((file) => `Skipped ${file.source}: ${file.reason}`),
          `Index written to ${report.indexDir}.`,
        ].join('\n') + '\n',
      );
    }
    return 0;
  } finally {
    await qa.close();
  }
});
