/**
 * Discord-shaped objects for the loopback stand-in: snowflakes, users, the test guild (roles,
 * channels, members), messages and interactions, built like the real API sends them (v10).
 */
import { randomBytes } from 'node:crypto';
import { PermissionFlagsBits } from 'discord.js';
import type { MessageBody } from './bodies.ts';

const DISCORD_EPOCH = 1420070400000n;
let increment = 0n;

/** A real-looking snowflake (its timestamp part is now), unique within the process. */
export function snowflake(): string {
  increment = (increment + 1n) & 0xfffn;
  return (((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | (1n << 17n) | increment).toString();
}

/** An interaction token: long, URL-safe, like Discord's. */
export function interactionToken(): string {
  return `aW50ZXJhY3Rpb246${randomBytes(48).toString('base64url')}`;
}

export interface FakeUser {
  id: string;
  username: string;
  global_name: string | null;
  discriminator: string;
  avatar: null;
  bot?: boolean;
  system?: boolean;
  public_flags: number;
  flags: number;
}

export function makeUser(username: string, options: { bot?: boolean; id?: string } = {}): FakeUser {
  return {
    id: options.id ?? snowflake(),
    username,
    global_name: options.bot ? null : username,
    discriminator: options.bot ? '0' : '0',
    avatar: null,
    ...(options.bot ? { bot: true } : {}),
    public_flags: 0,
    flags: 0,
  };
}

/** What a plain member may do in the test guild (as the permissions string of an interaction member). */
export const MEMBER_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.UseApplicationCommands;

export const BOT_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.CreatePublicThreads |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.ReadMessageHistory;

export function role(id: string, name: string, permissions: bigint, position: number, tags?: Record<string, unknown>) {
  return {
    id,
    name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position,
    permissions: permissions.toString(),
    managed: tags !== undefined,
    mentionable: false,
    flags: 0,
    ...(tags ? { tags } : {}),
  };
}

export function textChannel(id: string, guildId: string, name: string) {
  return {
    id,
    type: 0,
    guild_id: guildId,
    name,
    position: 0,
    permission_overwrites: [],
    nsfw: false,
    topic: null,
    last_message_id: null,
    rate_limit_per_user: 0,
    parent_id: null,
    flags: 0,
  };
}

/** A forum channel: members post threads in it; nobody sends messages to it directly. */
export function forumChannel(id: string, guildId: string, name: string) {
  return {
    ...textChannel(id, guildId, name),
    type: 15,
    available_tags: [],
    default_reaction_emoji: null,
    default_thread_rate_limit_per_user: 0,
    default_sort_order: null,
    default_forum_layout: 0,
  };
}

export interface ThreadFields {
  id: string;
  guildId: string;
  parentId: string;
  name: string;
  ownerId: string;
  archived: boolean;
  locked: boolean;
}

/** A public thread (type 11), as THREAD_CREATE and the channel routes carry it. */
export function threadChannel(fields: ThreadFields) {
  return {
    id: fields.id,
    type: 11,
    guild_id: fields.guildId,
    parent_id: fields.parentId,
    owner_id: fields.ownerId,
    name: fields.name,
    last_message_id: null,
    rate_limit_per_user: 0,
    flags: 0,
    message_count: 0,
    member_count: 1,
    total_message_sent: 0,
    applied_tags: [],
    thread_metadata: {
      archived: fields.archived,
      auto_archive_duration: 1440,
      archive_timestamp: new Date().toISOString(),
      locked: fields.locked,
      invitable: true,
      create_timestamp: new Date().toISOString(),
    },
  };
}

export function memberOf(user: FakeUser | undefined, roles: string[], joinedAt: string) {
  return {
    ...(user ? { user } : {}),
    roles,
    joined_at: joinedAt,
    deaf: false,
    mute: false,
    flags: 0,
    pending: false,
    nick: null,
    avatar: null,
    banner: null,
    premium_since: null,
    communication_disabled_until: null,
  };
}

export interface GuildFixture {
  id: string;
  name: string;
  /** `#general`: slash commands and mentions. */
  channelId: string;
  /** `#help`: a text channel to name in ANSWER_CHANNEL_IDS. */
  answerChannelId: string;
  /** `#questions`: a forum channel to name in ANSWER_CHANNEL_IDS. */
  forumChannelId: string;
  everyoneRoleId: string;
  adminRoleId: string;
  botRoleId: string;
  ownerId: string;
  joinedAt: string;
}

/** The GUILD_CREATE payload of the test guild (available, with its channels, roles and the bot's member). */
export function guildCreate(guild: GuildFixture, bot: FakeUser) {
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    icon_hash: null,
    splash: null,
    discovery_splash: null,
    owner_id: guild.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    widget_enabled: false,
    verification_level: 0,
    default_message_notifications: 1,
    explicit_content_filter: 0,
    roles: [
      role(guild.everyoneRoleId, '@everyone', MEMBER_PERMISSIONS, 0),
      role(guild.adminRoleId, 'Docs admins', MEMBER_PERMISSIONS, 1),
      role(guild.botRoleId, bot.username, BOT_PERMISSIONS, 2, { bot_id: bot.id }),
    ],
    emojis: [],
    features: [],
    mfa_level: 0,
    application_id: null,
    system_channel_id: guild.channelId,
    system_channel_flags: 0,
    rules_channel_id: null,
    max_presences: null,
    max_members: 500000,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: 0,
    premium_subscription_count: 0,
    preferred_locale: 'en-US',
    public_updates_channel_id: null,
    max_video_channel_users: 25,
    max_stage_video_channel_users: 50,
    nsfw_level: 0,
    stickers: [],
    premium_progress_bar_enabled: false,
    safety_alerts_channel_id: null,
    incidents_data: null,
    joined_at: guild.joinedAt,
    large: false,
    unavailable: false,
    member_count: 5,
    voice_states: [],
    members: [memberOf(bot, [guild.botRoleId], guild.joinedAt)],
    channels: [
      textChannel(guild.channelId, guild.id, 'general'),
      textChannel(guild.answerChannelId, guild.id, 'help'),
      forumChannel(guild.forumChannelId, guild.id, 'questions'),
    ],
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
    lazy: true,
  };
}

/** A message object as the REST API returns it (for replies, edits and follow-ups). */
export function messageObject(fields: {
  id: string;
  channelId: string;
  guildId?: string | undefined;
  author: FakeUser;
  body: MessageBody;
  flags?: number;
  webhookId?: string;
  applicationId?: string;
  reference?: Record<string, unknown>;
}) {
  return {
    id: fields.id,
    type: fields.reference ? 19 : 0,
    channel_id: fields.channelId,
    ...(fields.guildId ? { guild_id: fields.guildId } : {}),
    author: fields.author,
    content: typeof fields.body.content === 'string' ? fields.body.content : '',
    embeds: Array.isArray(fields.body.embeds) ? fields.body.embeds : [],
    attachments: [],
    components: Array.isArray(fields.body.components) ? fields.body.components : [],
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    pinned: false,
    tts: false,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    flags: fields.flags ?? 0,
    ...(fields.webhookId ? { webhook_id: fields.webhookId } : {}),
    ...(fields.applicationId ? { application_id: fields.applicationId } : {}),
    ...(fields.reference ? { message_reference: { type: 0, ...fields.reference } } : {}),
  };
}
