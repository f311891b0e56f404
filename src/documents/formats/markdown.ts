/**
 * Markdown (`.md`, `.markdown`, `.mdx`) read with mdast-util-from-markdown (the parser behind
 * remark) with GFM (tables, strikethrough, task lists, footnotes) and YAML front matter. What a
 * static-site generator adds on top of CommonMark is read as its reader sees it: `::: tip`
 * container markers are dropped and their content kept (a custom container title becomes its own
 * paragraph), `{#anchor}` heading suffixes become the heading's anchor, HTML, Vue and JSX
 * components are reduced to their text, `<<<` snippet imports and MDX `import`/`export` lines are dropped.
 */
import type { Nodes, PhrasingContent, Root, RootContent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfm } from 'micromark-extension-gfm';
import { parseFrontMatter, urlFromMetadata } from '../front-matter.ts';
import type { ParsedBlock, ParsedDocument } from '../model.ts';
import { htmlFragmentText } from './html-text.ts';

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

export function parseMarkdown(source: string, options: MarkdownOptions = {}): ParsedDocument {
  const input = options.mdx ? source.replace(/\{\/\*[\s\S]*?\*\/\}/g, (comment) => ' '.repeat(comment.length)) : source;
  const tree: Root = fromMarkdown(input, {
    extensions: [gfm(), frontmatter(['yaml', 'toml'])],
    mdastExtensions: [gfmFromMarkdown(), frontmatterFromMarkdown(['yaml', 'toml'])],
  });
  const blocks: ParsedBlock[] = [];
  let metadata: Record<string, string> = {};
  for (const node of tree.children) {
    if (node.type === 'yaml') {
      metadata = parseFrontMatter(node.value);
      continue;
    }
    if (options.mdx && node.type === 'paragraph' && MDX_STATEMENT.test(inlineText(node.children))) continue;
    readBlock(node, blocks, { listDepth: -1 });
  }
  const url = urlFromMetadata(metadata);
  return { format: 'markdown', blocks, metadata, ...(metadata['title'] ? { title: metadata['title'] } : {}), ...(url ? { url } : {}) };
}

interface Context {
  /** Depth of the list being read, -1 outside lists. */
  listDepth: number;
  /** Inside a block quote. */
  quote?: boolean;
}

function offsets(node: Nodes): Pick<ParsedBlock, 'sourceStart' | 'sourceEnd'> {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  return start !== undefined && end !== undefined ? { sourceStart: start, sourceEnd: end } : {};
}

function readBlock(node: RootContent, blocks: ParsedBlock[], context: Context): void {
  switch (node.type) {
    case 'heading': {
      let text = inlineText(node.children);
      const anchor = HEADING_ANCHOR.exec(text);
      if (anchor) text = text.slice(0, anchor.index);
      blocks.push({ kind: 'heading', level: node.depth, text, ...(anchor?.[1] ? { anchor: anchor[1] } : {}), ...offsets(node) });
      return;
    }
    case 'paragraph':
      for (const text of paragraphTexts(inlineText(node.children))) {
        blocks.push({ ...textBlock(context), text, ...offsets(node) });
      }
      return;
    case 'html':
      for (const text of paragraphTexts(htmlFragmentText(node.value))) blocks.push({ ...textBlock(context), text, ...offsets(node) });
      return;
    case 'code':
      blocks.push({ kind: 'code', text: node.value.replace(CODE_ANNOTATION, ''), ...(node.lang ? { language: node.lang } : {}), ...offsets(node) });
      return;
    case 'list':
      for (const item of node.children) {
        for (const child of item.children) readBlock(child, blocks, { ...context, listDepth: context.listDepth + 1 });
      }
      return;
    case 'blockquote':
      for (const child of node.children) readBlock(child, blocks, { ...context, quote: true });
      return;
    case 'table':
      for (const row of node.children) {
        const cells = row.children.map((cell) => inlineText(cell.children).replace(/\s+/g, ' ').trim());
        if (cells.some((cell) => cell.length > 0)) blocks.push({ kind: 'table-row', text: cells.join(TABLE_CELL_SEPARATOR), ...offsets(row) });
      }
      return;
    case 'footnoteDefinition':
      for (const child of node.children) readBlock(child, blocks, context);
      return;
    default:
      // Thematic breaks, link definitions and front matter other than YAML have no reader text.
      return;
  }
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

/** The reader text of inline content: emphasis and link syntax gone, link text kept, images by their alt text. */
function inlineText(nodes: readonly PhrasingContent[]): string {
  let text = '';
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
      case 'inlineCode':
        text += node.value;
        break;
      case 'break':
        text += '\n';
        break;
      case 'image':
      case 'imageReference':
        text += node.alt ?? '';
        break;
      case 'html':
        // Inline tags (`<Badge>`, `<br>`, `<kbd>`) are dropped; the text between them is its own node.
        text += htmlFragmentText(node.value);
        break;
      case 'footnoteReference':
        break;
      default:
        if ('children' in node) text += inlineText(node.children as PhrasingContent[]);
    }
  }
  return text;
}
