/**
 * The terminal chat: what `npm start` opens without DISCORD_TOKEN. Questions are answered with
 * their citations; slash commands mirror the bot's. Works on a terminal and on piped input.
 */
import path from 'node:path';
import readline from 'node:readline';
import type { AppConfig } from '../config.ts';
import type { Logger } from '../logging.ts';
import { explainError, type DocumentQaOptions } from '../service/document-qa.ts';
import { ChatReindex } from './chat-reindex.ts';
import { formatAnswer, formatSources, formatSummary, openQa, plural, reportError } from './shared.ts';

export interface TerminalChatOptions {
  logger: Logger;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Where index files are written. Default: the real file system (see `DocumentQaOptions`). */
  fileSystem?: DocumentQaOptions['fileSystem'];
}

const HELP = [
  'Ask a question in plain words, or use a command:',
  '  /summary [document]  an extractive summary of one document (or of all)',
  '  /sources             the indexed documents and the search mode',
  '  /reindex             rebuild the index after changing the documents (questions are answered meanwhile)',
  '  /help                this list',
  '  /quit                leave (Ctrl+D works too)',
].join('\n');

export async function runTerminalChat(config: AppConfig, options: TerminalChatOptions): Promise<number> {
  const { output, logger } = options;
  const write = (text: string) => output.write(`${text}\n`);
  const docs = path.relative(process.cwd(), config.docsDir) || '.';
  write(
    [
      'Terminal mode: DISCORD_TOKEN is not set, so the bot is not connecting to Discord.',
      'To run it on Discord, put DISCORD_TOKEN=... in .env (see README.md, "Connect Discord") and run npm start again.',
      `Answering questions about the documents in ${docs}/.`,
    ].join('\n'),
  );

  let qa;
  try {
    qa = await openQa(config, logger, options.fileSystem ? { fileSystem: options.fileSystem } : {});
  } catch (error) {
    return reportError(error);
  }
  const info = qa.info();
  write(
    `${plural(info.documents.length, 'document')}, ${plural(info.passages, 'passage')} (${info.mode} search${
      qa.modelWarning ? ': the embedding model could not be loaded, so questions are matched by words' : ''
    }${qa.indexWarning ? '; the index could not be saved, so it is kept in memory (see the warning above)' : ''}). Type /help for commands.\n`,
  );

  const interactive = 'isTTY' in options.input && options.input.isTTY === true;
  const lines = readline.createInterface({ input: options.input, output: interactive ? output : undefined, terminal: interactive });
  const prompt = () => {
    if (interactive) lines.prompt();
  };
  lines.setPrompt('> ');
  prompt();

  const reindex = new ChatReindex(qa, write);
  const handle = async (line: string): Promise<'quit' | void> => {
    const text = line.trim();
    if (text === '') return;
    const [command = '', ...rest] = text.split(/\s+/);
    const argument = rest.join(' ');
    switch (command.toLowerCase()) {
      case '/quit':
      case '/exit':
        return 'quit';
      case '/help':
        write(HELP);
        return;
      case '/sources':
        write(formatSources(qa.info()));
        return;
      case '/summary':
        write(formatSummary(await qa.summarize(argument || undefined)));
        return;
      case '/reindex':
        reindex.start();
        return;
      default:
        if (command.startsWith('/')) {
          write(`Unknown command ${command}. ${HELP}`);
          return;
        }
        write(formatAnswer(await qa.ask(text)));
    }
  };

  try {
    for await (const line of lines) {
      try {
        if ((await handle(line)) === 'quit') break;
      } catch (error) {
        const explained = explainError(error);
        if (explained.kind === 'unexpected') logger.error('Something went wrong answering that', { error });
        write(explained.message);
      }
      write('');
      prompt();
    }
  } finally {
    lines.close();
    await reindex.finished();
    await qa.close();
  }
  write('Bye.');
  return 0;
}
