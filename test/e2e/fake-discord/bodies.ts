/**
 * What the bot sends to the loopback Discord, typed with discord-api-types (v10, as discord.js
 * re-exports them): message bodies, interaction callbacks, command registrations and gateway
 * frames; the guards that narrow parsed JSON to them; small readers for the tests.
 */
import type {
  APIAllowedMentions,
  APIApplicationCommandOptionChoice,
  APIEmbed,
  APIInteractionResponseCallbackData,
  APIModalInteractionResponse,
  GatewayIdentifyData,
  GatewayResumeData,
  InteractionResponseType,
  MessageFlags,
  RESTAPIMessageReference,
  RESTPatchAPIWebhookWithTokenMessageJSONBody,
  RESTPostAPIChannelMessageJSONBody,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
  RESTPostAPIInteractionCallbackJSONBody,
  RESTPostAPIWebhookWithTokenJSONBody,
} from 'discord.js';

/** A JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// ---------------------------------------------------------------- REST bodies

/**
 * The fields the stand-in and the tests read of a message body: a channel message
 * (RESTPostAPIChannelMessageJSONBody), a follow-up (RESTPostAPIWebhookWithTokenJSONBody), an edit
 * (RESTPatchAPIWebhookWithTokenMessageJSONBody, whose fields may be null) or the data of a message
 * callback (APIInteractionResponseCallbackData).
 */
export interface MessageBody {
  content?: string | null | undefined;
  embeds?: APIEmbed[] | null | undefined;
  allowed_mentions?: APIAllowedMentions | null | undefined;
  flags?: MessageFlags | null | undefined;
  message_reference?: RESTAPIMessageReference | undefined;
  /** Rows of buttons (checked by `componentProblems` in channels.ts). */
  components?: unknown[] | null | undefined;
}

/**
 * An interaction callback (RESTPostAPIInteractionCallbackJSONBody) read without narrowing on its
 * `type`: the message data of types 4 and 7, or the choices of an autocomplete result (8).
 */
export interface InteractionCallbackBody {
  type?: InteractionResponseType | undefined;
  data?: (MessageBody & { choices?: APIApplicationCommandOptionChoice[] | undefined }) | undefined;
}

/** A JSON object body as the stand-in records it: a message body or an interaction callback. */
export type RecordedBody = MessageBody & InteractionCallbackBody;

/**
 * Compile-time check that the bodies the bot sends (every message body and interaction callback
 * but a modal, which it never opens) are RecordedBodys: the loose interfaces above say nothing
 * Discord's own types do not.
 */
type Fits<T extends RecordedBody> = T;
export type RecordedBodyCovers = [
  Fits<RESTPostAPIChannelMessageJSONBody>,
  Fits<RESTPostAPIWebhookWithTokenJSONBody>,
  Fits<RESTPatchAPIWebhookWithTokenMessageJSONBody>,
  Fits<APIInteractionResponseCallbackData>,
  Fits<Exclude<RESTPostAPIInteractionCallbackJSONBody, APIModalInteractionResponse>>,
];

/**
 * A parsed JSON object body, taken as a RecordedBody. Its fields are not checked here (the
 * stand-in takes the shape on trust, as the tests do; `messageBodyProblems` checks the limits).
 */
export function isRecordedBody(value: unknown): value is RecordedBody {
  return isRecord(value);
}

/** A chat-input command definition, as the bot registers them (RESTPostAPIChatInputApplicationCommandsJSONBody). */
export function isCommandDefinition(value: unknown): value is RESTPostAPIChatInputApplicationCommandsJSONBody {
  return isRecord(value) && typeof value.name === 'string' && typeof value.description === 'string' && (value.type === undefined || value.type === 1);
}

/** The chat-input command definitions in a parsed registration body (RESTPutAPIApplicationCommandsJSONBody). */
export function commandsInBody(parsed: unknown): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  const list: unknown[] = Array.isArray(parsed) ? parsed : [];
  return list.filter(isCommandDefinition);
}

/** The embed at `index` of a message body; throws when there is none. */
export function embedOf(body: MessageBody | undefined, index = 0): APIEmbed {
  const embed = body?.embeds?.[index];
  if (!embed) throw new Error(`The message body has no embed ${index}: ${JSON.stringify(body)}`);
  return embed;
}

/** An embed's fields as name → value. */
export function embedFields(embed: APIEmbed): Record<string, string> {
  return Object.fromEntries((embed.fields ?? []).map((field) => [field.name, field.value]));
}

// ---------------------------------------------------------------- gateway

/** A gateway payload as the client sends it. */
export interface GatewayPayload {
  op: number;
  d: unknown;
  s?: number | null;
  t?: string | null;
}

export function isGatewayPayload(value: unknown): value is GatewayPayload {
  return isRecord(value) && typeof value.op === 'number';
}

function isIdentifyData(d: unknown): d is GatewayIdentifyData {
  return isRecord(d) && typeof d.token === 'string' && typeof d.intents === 'number' && isRecord(d.properties);
}

function isResumeData(d: unknown): d is GatewayResumeData {
  return isRecord(d) && typeof d.token === 'string' && typeof d.session_id === 'string' && typeof d.seq === 'number';
}

/** The data of an IDENTIFY (op 2), when the frame is one. */
export function identifyData(frame: { op: number; d: unknown } | undefined): GatewayIdentifyData | undefined {
  return frame?.op === 2 && isIdentifyData(frame.d) ? frame.d : undefined;
}

/** The data of a RESUME (op 6), when the frame is one. */
export function resumeData(frame: { op: number; d: unknown } | undefined): GatewayResumeData | undefined {
  return frame?.op === 6 && isResumeData(frame.d) ? frame.d : undefined;
}
