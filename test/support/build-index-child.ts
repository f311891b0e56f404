/** Builds an index in a child process, so a test can kill it midway: tsx build-index-child.ts DOCS INDEX */
import { buildIndex } from '../../src/index/index-store.ts';

const [docsDir, indexDir] = process.argv.slice(2);
if (!docsDir || !indexDir) throw new Error('usage: build-index-child.ts DOCS_DIR INDEX_DIR');
await buildIndex({ docsDir, indexDir, embedder: null, requestedModel: 'none' });
