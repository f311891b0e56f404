/**
 * `/reindex`: rebuilds the index from the documents folder, for admins only. Progress is shown by
 * editing the (private) reply at most once per ~1.5 s; the core swaps the new index in atomically,
 * so questions asked meanwhile are answered from the old one.
 */
import { MessageFlags, type ChatInputCommandInteraction } from 'discord.js';
import { explainError, ReindexInProgressError } from '../../service/document-qa.ts';
import type { BotContext } from '../context.ts';
import { describeError, errorStack } from '../errors.ts';
import { escapeAndCut, formatReindexProgress, formatReindexReport } from '../format.ts';
import { adminCommandBuilder, isAdminInteraction } from '../permissions.ts';
import { NO_MENTIONS, editWith, replyPrivately } from '../replies.ts';
import { ThrottledEditor } from '../throttle.ts';

export const REFUSAL =
  'Only server admins can rebuild the index: you need the Manage Server permission, or to be listed by the bot owner (ADMIN_USER_IDS / ADMIN_ROLE_IDS).';

export function data() {
  return adminCommandBuilder('reindex', 'Rebuild the index from the documents folder (admins only)');
}

export async function execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
  const { qa, logger } = context;
  const log = logger.child({ command: 'reindex', userId: interaction.user.id, guildId: interaction.guildId ?? undefined });
  if (!isAdminInteraction(interaction, context.config)) {
    log.info('reindex refused: not an admin');
    await replyPrivately(interaction, REFUSAL);
    return;
  }
  if (qa.reindexing) {
    await replyPrivately(interaction, new ReindexInProgressError().message);
    return;
  }
  // The service's guard claims the rebuild synchronously, so a second /reindex is refused even
  // before this one is acknowledged; progress edits wait for the acknowledgement.
  let report;
  const deferring = interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const editor = new ThrottledEditor(
    async (content) => {
      await deferring;
      return interaction.editReply({ content, allowedMentions: NO_MENTIONS });
    },
    context.progressIntervalMs,
    (error) => log.warn('could not show reindex progress', { error: describeError(error) }),
  );
  const rebuilding = qa.reindex((progress) => editor.push(formatReindexProgress(progress)));
  rebuilding.catch(() => {});
  try {
    await deferring;
    log.info('reindex started');
    editor.push(formatReindexProgress(undefined));
    try {
      report = await rebuilding;
    } finally {
      await editor.finish();
    }
    log.info('reindex done', {
      documents: report.documents,
      passages: report.passages,
      skipped: report.skipped.length,
      mode: report.mode,
      durationMs: report.durationMs,
      progressEdits: editor.sent,
    });
    await editWith(interaction, formatReindexReport(report));
  } catch (error) {
    if (!interaction.deferred) throw error;
    // Admins can act on the reason (a missing folder, a full disk, a required model): show it privately.
    const explained = explainError(error);
    log.error('reindex failed', { error: describeError(error), stack: explained.kind === 'unexpected' ? errorStack(error) : undefined });
    const reason = escapeAndCut(explained.message, 1500);
    await editWith(interaction, { content: `The index could not be rebuilt: ${reason}\nThe previous index is still answering questions.` });
  }
}
