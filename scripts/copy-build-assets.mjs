// `npm run build`: tsc compiles src/ to dist/; data files the code reads next to itself (JSON) are copied beside it.
import { cpSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

function copyData(from, to) {
  for (const name of readdirSync(from)) {
    const source = path.join(from, name);
    if (statSync(source).isDirectory()) copyData(source, path.join(to, name));
    else if (name.endsWith('.json')) cpSync(source, path.join(to, name));
  }
}

copyData('src', 'dist');
