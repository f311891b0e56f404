/**
 * A web page as a site serves it: the article inside `<main><article>`, and around it what a reader's
 * eye skips and a parser must drop: a header with the site's name, a navigation menu, a breadcrumb,
 * a cookie banner, a sidebar of related pages, a footer, inline scripts (analytics, JSON-LD) and
 * styles. The canonical link carries the document's URL. Some characters are written as named
 * entities (`&eacute;`, `&mdash;`), as many sites do; decoded, the text is the source's.
 */
import { wrapText, type InlineRun, type SourceDocument } from './source.ts';

const NAMED_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  é: '&eacute;',
  è: '&egrave;',
  á: '&aacute;',
  ú: '&uacute;',
  ï: '&iuml;',
  '—': '&mdash;',
  '–': '&ndash;',
  '’': '&rsquo;',
  '‘': '&lsquo;',
  '£': '&pound;',
  '°': '&deg;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"éèáúï—–’‘£°]/g, (char) => NAMED_ENTITIES[char] ?? char);
}

function renderRun(run: InlineRun): string {
  const text = escapeHtml(run.text).replace(/\n/g, '<br>\n');
  switch (run.kind) {
    case 'text':
      return text;
    case 'strong':
      return `<strong>${text}</strong>`;
    case 'emphasis':
      return `<em>${text}</em>`;
    case 'link':
      return `<a href="${escapeHtml(run.href)}" title="${escapeHtml(run.text)}">${text}</a>`;
  }
}

const SITE = 'Example Knowledge Base';

function chromeTop(document: SourceDocument, related: readonly SourceDocument[]): string {
  const relatedItems = related.map((other) => `        <li><a href="${escapeHtml(other.url)}">${escapeHtml(other.title)}</a></li>`).join('\n');
  return `  <div id="cookie-banner" class="cookie-banner" role="dialog" aria-label="Cookie consent">
    <p>We use cookies and similar technologies to remember your preferences, measure traffic and
    personalise content. You can accept all cookies or manage your choices in the settings.</p>
    <button type="button" class="accept">Accept all cookies</button>
    <button type="button" class="reject">Reject non-essential</button>
    <a href="/privacy#cookies">Cookie settings</a>
  </div>
  <header class="site-header">
    <a class="logo" href="/">${SITE}</a>
    <p class="tagline">Articles, guides and references, updated every week</p>
    <form class="search" action="/search"><input type="search" name="q" placeholder="Search the knowledge base"><button>Search</button></form>
  </header>
  <nav class="main-menu" aria-label="Main">
    <ul>
      <li><a href="/">Home</a></li>
      <li><a href="/articles">All articles</a></li>
      <li><a href="/topics">Topics</a></li>
      <li><a href="/random">Random page</a></li>
      <li><a href="/about">About us</a></li>
      <li><a href="/contact">Contact</a></li>
      <li><a href="/donate">Donate</a></li>
    </ul>
  </nav>
  <aside class="sidebar" aria-label="Related pages">
    <h2>Related pages</h2>
    <ul>
${relatedItems}
        <li><a href="/help">Help and frequently asked questions</a></li>
    </ul>
    <div class="ad">Advertisement: Subscribe to our newsletter for weekly updates and special offers.</div>
  </aside>`;
}

function chromeBottom(): string {
  return `  <footer class="site-footer">
    <nav aria-label="Footer">
      <a href="/privacy">Privacy policy</a> · <a href="/terms">Terms of use</a> · <a href="/accessibility">Accessibility</a> · <a href="/sitemap">Sitemap</a>
    </nav>
    <p>&copy; 2026 ${SITE}. Text is available under the Creative Commons Attribution-ShareAlike licence; additional terms may apply.</p>
    <p>Follow us on social media and share this page with your friends.</p>
  </footer>
  <script>
    window.dataLayer = window.dataLayer || [];
    function trackPageView(page) { window.dataLayer.push({ event: 'page_view', page: page, consent: document.cookie.includes('consent=yes') }); }
    trackPageView(location.pathname);
    document.querySelector('.accept').addEventListener('click', function () { document.cookie = 'consent=yes; path=/'; document.getElementById('cookie-banner').remove(); });
  </script>`;
}

/**
 * The page for one document. `related` are other documents of the set, listed in the sidebar as a
 * site does (their titles are words a parser must not take as this page's content).
 */
export function toHtml(document: SourceDocument, related: readonly SourceDocument[]): string {
  const body: string[] = [];
  for (const block of document.blocks) {
    if (block.kind === 'heading') {
      body.push(`      <h2 id="${encodeURIComponent(block.text.toLowerCase().replace(/\s+/g, '-'))}">${escapeHtml(block.text)}</h2>`);
      continue;
    }
    const html = block.runs.map(renderRun).join('');
    body.push(`      <p>${wrapText(html, 110).join('\n        ')}</p>`);
  }
  const jsonLd = JSON.stringify({ '@context': 'https://schema.org', '@type': 'Article', headline: document.title, url: document.url }).replace(/</g, '\\u003c');
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(document.title)} | ${SITE}</title>
  <meta name="description" content="Read about ${escapeHtml(document.title)} on ${SITE}.">
  <link rel="canonical" href="${escapeHtml(document.url)}">
  <link rel="stylesheet" href="/assets/site.css">
  <style>
    body { font-family: Georgia, serif; margin: 0; color: #222; }
    .cookie-banner { position: fixed; bottom: 0; background: #333; color: #fff; padding: 1em; }
    .main-menu ul { display: flex; gap: 1em; list-style: none; }
    article p { line-height: 1.6; max-width: 42em; }
  </style>
  <script type="application/ld+json">${jsonLd}</script>
  <script async src="/assets/analytics.js"></script>
</head>
<body>
${chromeTop(document, related)}
  <main id="content">
    <nav class="breadcrumb" aria-label="Breadcrumb"><a href="/">Home</a> › <a href="/articles">Articles</a> › <span>${escapeHtml(document.title)}</span></nav>
    <article>
      <h1>${escapeHtml(document.title)}</h1>
${body.join('\n')}
    </article>
    <div class="share">Share this article: <a href="#">Email</a> <a href="#">Print</a> · <a href="/edit">Edit this page</a> · Last updated 3 March 2026</div>
  </main>
${chromeBottom()}
</body>
</html>
`;
}
