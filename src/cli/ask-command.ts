/** `npm run ask -- [--json] [--docs DIR] [--index DIR] "question"`: one answer, with citations. */
import { InvalidQuestionError } from '../service/document-qa.ts';
import { formatAnswer, openQa, parseCli, runCommand, USAGE_FLAGS } from './shared.ts';

runCommand(async () => {
  const { config, logger, json, positionals } = parseCli(process.argv.slice(2));
  const question = positionals.join(' ');
  if (question.trim() === '') {
    process.stderr.write(`Usage: npm run ask -- ${USAGE_FLAGS} "your question"\n`);
    return 2;
  }
  const qa = await openQa(config, logger);
  try {
    const answer = await qa.ask(question);
    if (json) {
      const { answered, mode, excerpts, message, conversation } = answer;
      process.stdout.write(
        `${JSON.stringify({
          answered,
          mode,
          excerpts: excerpts.map(({ text, kind, parts, url, page, source, location, score, title, paragraph, start, end }) => ({
            text,
            kind,
            parts,
            ...(url ? { url } : {}),
            ...(page !== undefined ? { page } : {}),
            source,
            location,
            score,
            title,
            paragraph,
            start,
            end,
          })),
          ...(message ? { message } : {}),
          ...(conversation ? { conversation } : {}),
        }, null, 2)}\n`,
      );
    } else {
      process.stdout.write(`${formatAnswer(answer)}\n`);
    }
    return 0;
  } catch (error) {
    if (error instanceof InvalidQuestionError && json) {
      process.stdout.write(`${JSON.stringify({ answered: false, mode: qa.info().mode, excerpts: [], error: error.message })}\n`);
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  } finally {
    await qa.close();
  }
});
