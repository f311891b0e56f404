/**
 * Markdown (`.md`, `.markdown`, `.mdx`) read with markdown-it (CommonMark with GFM tables and
 * strikethrough; the parser VitePress itself renders with, so what is read is what the site shows)
 * and YAML front matter read by a real YAML parser. markdown-it was chosen over mdast's micromark
 * for speed: micromark took minutes and gigabytes on a 10 MiB list, markdown-it seconds. What a
 * static-site generator adds on top of CommonMark is read as its reader sees it: `::: tip`
 * container markers are dropped and their content kept (a custom container title becomes its own
 * paragraph), `{#anchor}` heading suffixes become the heading's anchor, HTML, Vue and JSX
 * components are reduced to their text, Shiki `[!code]` annotations, `<<<` snippet imports and
 * MDX `import`/`export` lines are dropped.
 */
import MarkdownIt from 'markdown-it';
import { parseFrontMatter, urlFromMetadata } from '../front-matter.ts';
import type { ParsedBlock, ParsedDocument } from '../model.ts';
import { htmlFragmentText } from './html-text.ts';

/** A markdown-it token (the type markdown-it's own parse returns). */
type Token = ReturnType<InstanceType<typeof MarkdownIt>['parse']>[number];

export interface MarkdownOptions {
  /** MDX: top-level `import`/`export` statements and `{/* comments *\/}` are not text. Default: false. */
  mdx?: boolean;
}

/** Separates table cells in a row's reader text (a table has no syntax of its own once read). */
export const TABLE_CELL_SEPARATOR = ' · ';

/** `::: tip`, `:::warning Title`, `:::`: a container marker line of VitePress, VuePress or Docusaurus. */
const CONTAINER_MARKER = /^\s*:{3,}\s*([\w-]*)\s*(.*?)\s*$/;
/** Lines that only point elsewhere: `<<< @/snippets/file.ts` imports and `[[toc]]`. */
const DIRECTIVE_LINE = /^\s*(?:<<<\s.*|\[\[toc\]\])\s*$/i;
const HEADING_ANCHOR = /\s*\{#([\w.:-]+)\}\s*$/;
const ALERT_MARKER = /^\s*\[!(?:note|tip|important|warning|caution|info|danger)\]\s*/i;
const MDX_STATEMENT = /^\s*(?:import|export)\s/;
/** Shiki/VitePress line annotations in code (`// [!code ++]`, `# [!code focus]`): instructions to the site, not code. */
const CODE_ANNOTATION = /[ \t]*(?:\/\/|#|--|;|<!--|\/\*)[ \t]*\[!code [^\]\n]*\][ \t]*(?:-->|\*\/)?[ \t]*$/gm;

/** HTML allowed (it is reduced to text below); no typographic replacements: the reader sees the file's own characters. */
const markdown = new MarkdownIt({ html: true, linkify: false, typographer: false });
const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;

export function parseMarkdown(source: string, options: MarkdownOptions = {}): ParsedDocument {
  let input = options.mdx ? source.replace(/\{\/\*[\s\S]*?\*\/\}/g, (comment) => comment.replace(/[^\n]/g, ' ')) : source;
  let metadata: Record<string, string> = {};
  const frontMatter = FRONT_MATTER.exec(input);
  if (frontMatter) {
    metadata = parseFrontMatter(frontMatter[1] ?? '');
    // Blanked, not cut: line numbers (and so source offsets) stay those of the file.
    input = frontMatter[0].replace(/[^\n]/g, ' ') + input.slice(frontMatter[0].length);
  }
  const lineStarts = [0];
  for (let i = input.indexOf('\n'); i !== -1; i = input.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const blocks = readTokens(markdown.parse(input, {}), lineStarts, input.length, options.mdx === true);
  const url = urlFromMetadata(metadata);
  return { format: 'markdown', blocks, metadata, ...(metadata['title'] ? { title: metadata['title'] } : {}), ...(url ? { url } : {}) };
}


interface Context {
  /** Depth of the list being read, -1 outside lists. */
  listDepth: number;
  /** Inside a block quote. */
  quote: boolean;
}

/** Offsets in the file of a block's lines (markdown-it maps blocks to lines: `[first, last)`). */
function sourceRange(token: Token, lineStarts: readonly number[], length: number): Pick<ParsedBlock, 'sourceStart' | 'sourceEnd'> {
  if (!token.map) return {};
  const [first, last] = token.map;
  const sourceStart = lineStarts[first] ?? length;
  const nextLine = lineStarts[last];
  return { sourceStart, sourceEnd: Math.max(sourceStart, nextLine === undefined ? length : nextLine - 1) };
}

/** The blocks of a markdown-it token stream. */
function readTokens(tokens: readonly Token[], lineStarts: readonly number[], length: number, mdx: boolean): ParsedBlock[] {
  const blocks: ParsedBlock[] = [];
  const context: Context = { listDepth: -1, quote: false };
  let quoteDepth = 0;
  let pendingHeading: Token | undefined;
  let pendingParagraph: Token | undefined;
  let row: string[] | undefined;
  let rowToken: Token | undefined;
  for (const token of tokens) {
    switch (token.type) {
      case 'heading_open':
        pendingHeading = token;
        break;
      case 'paragraph_open':
        pendingParagraph = token;
        break;
      case 'bullet_list_open':
      case 'ordered_list_open':
        context.listDepth += 1;
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        context.listDepth -= 1;
        break;
      case 'blockquote_open':
        quoteDepth += 1;
        context.quote = true;
        break;
      case 'blockquote_close':
        quoteDepth -= 1;
        context.quote = quoteDepth > 0;
        break;
      case 'tr_open':
        row = [];
        rowToken = token;
        break;
      case 'tr_close':
        if (row && row.some((cell) => cell.length > 0)) blocks.push({ kind: 'table-row', text: row.join(TABLE_CELL_SEPARATOR), ...(rowToken ? sourceRange(rowToken, lineStarts, length) : {}) });
        row = undefined;
        break;
      case 'inline': {
        const text = inlineText(token.children ?? []);
        if (row) {
          row.push(text.replace(/\s+/g, ' ').trim());
        } else if (pendingHeading) {
          let heading = text;
          const anchor = HEADING_ANCHOR.exec(heading);
          if (anchor) heading = heading.slice(0, anchor.index);
          const level = Number(pendingHeading.tag.slice(1)) || 1;
          blocks.push({ kind: 'heading', level, text: heading, ...(anchor?.[1] ? { anchor: anchor[1] } : {}), ...sourceRange(pendingHeading, lineStarts, length) });
        } else if (!(mdx && context.listDepth < 0 && MDX_STATEMENT.test(text))) {
          const range = pendingParagraph ? sourceRange(pendingParagraph, lineStarts, length) : sourceRange(token, lineStarts, length);
          for (const paragraph of paragraphTexts(text)) blocks.push({ ...textBlock(context), text: paragraph, ...range });
        }
        pendingHeading = undefined;
        pendingParagraph = undefined;
        break;
      }
      case 'fence':
      case 'code_block': {
        const language = token.info.trim().split(/[\s{[]/)[0] ?? '';
        blocks.push({ kind: 'code', text: token.content.replace(CODE_ANNOTATION, ''), ...(language ? { language } : {}), ...sourceRange(token, lineStarts, length) });
        break;
      }
      case 'html_block':
        for (const paragraph of paragraphTexts(htmlFragmentText(token.content))) blocks.push({ ...textBlock(context), text: paragraph, ...sourceRange(token, lineStarts, length) });
        break;
      default:
        // Closing tags, list items, thematic breaks and table sections carry no text of their own.
        break;
    }
  }
  return blocks;
}

/** The kind of a prose block where it stands: in a list it is an item, in a quote a quote. */
function textBlock(context: Context): Pick<ParsedBlock, 'kind' | 'depth'> {
  if (context.listDepth >= 0) return { kind: 'list-item', depth: context.listDepth };
  return { kind: context.quote ? 'quote' : 'paragraph' };
}

/**
 * A paragraph's text without container markers and directive lines: the lines before and after a
 * marker are separate paragraphs, and a container's own title is one too.
 */
function paragraphTexts(text: string): string[] {
  const paragraphs: string[] = [];
  let current: string[] = [];
  const flush = () => {
    const joined = current.join('\n').replace(ALERT_MARKER, '').trim();
    if (joined.length > 0) paragraphs.push(joined);
    current = [];
  };
  for (const line of text.split('\n')) {
    const marker = CONTAINER_MARKER.exec(line);
    if (marker) {
      flush();
      // `::: tip Custom title`: the title is read; a bare type word (`tip`, `code-group`) is not.
      if (marker[2]) paragraphs.push(marker[2]);
      continue;
    }
    if (DIRECTIVE_LINE.test(line)) {
      flush();
      continue;
    }
    current.push(line);
  }
  flush();
  return paragraphs;
}

/** The reader text of inline content: emphasis and link syntax gone, link text kept, images by their alt text, tags dropped. */
function inlineText(tokens: readonly Token[]): string {
  let text = '';
  for (const token of tokens) {
    switch (token.type) {
      case 'text':
      case 'code_inline':
        text += token.content;
        break;
      case 'softbreak':
      case 'hardbreak':
        text += '\n';
        break;
      case 'image':
        text += inlineText(token.children ?? []) || token.content;
        break;
      case 'html_inline':
        // Inline tags (`<Badge>`, `<br>`, `<kbd>`) are dropped; the text between them is its own token.
        text += htmlFragmentText(token.content);
        break;
      default:
        break;
    }
  }
  return text;
}
