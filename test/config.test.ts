import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, ConfigError, loadConfig } from '../src/config.ts';
import { PROJECT_ROOT } from './support/temp.ts';

describe('configuration', () => {
  it('has documented defaults when nothing is set', () => {
    const config = loadConfig({}, { env: {}, cwd: '/srv/bot' });
    expect(config).toMatchObject({
      docsDir: '/srv/bot/seeds',
      indexDir: '/srv/bot/embeddings',
      modelDir: '/srv/bot/embeddings/models',
      embeddingModel: 'Xenova/all-MiniLM-L6-v2',
      excerptMaxChars: 300,
      maxExcerpts: 3,
      discordToken: undefined,
      adminUserIds: [],
      logLevel: 'info',
      requireModel: false,
    });
  });

  it('lets flags win over the environment, and treats empty values as unset', () => {
    const config = loadConfig({ docsDir: 'from-flag' }, { env: { DOCS_DIR: 'from-env', INDEX_DIR: '/abs/index', DISCORD_TOKEN: '  ' }, cwd: '/srv' });
    expect(config.docsDir).toBe('/srv/from-flag');
    expect(config.indexDir).toBe('/abs/index');
    expect(config.modelDir).toBe('/abs/index/models');
    expect(config.discordToken).toBeUndefined();
  });

  it('parses id lists and booleans', () => {
    const config = loadConfig({}, { env: { ADMIN_USER_IDS: '123456789012345678, 223456789012345678', REQUIRE_MODEL: 'yes', ASK_COOLDOWN_SECONDS: '0' } });
    expect(config.adminUserIds).toEqual(['123456789012345678', '223456789012345678']);
    expect(config.requireModel).toBe(true);
    expect(config.askCooldownSeconds).toBe(0);
  });

  it('names every bad variable and says where to fix it', () => {
    expect(() => loadConfig({}, { env: { EXCERPT_MAX_CHARS: 'many', ADMIN_ROLE_IDS: 'admins', LOG_LEVEL: 'loud' } })).toThrow(ConfigError);
    try {
      loadConfig({}, { env: { EXCERPT_MAX_CHARS: 'many', ADMIN_ROLE_IDS: 'admins', LOG_LEVEL: 'loud' } });
    } catch (error) {
      expect((error as Error).message).toMatch(/EXCERPT_MAX_CHARS/);
      expect((error as Error).message).toMatch(/ADMIN_ROLE_IDS/);
      expect((error as Error).message).toMatch(/LOG_LEVEL/);
      expect((error as Error).message).toMatch(/\.env/);
    }
  });

  it('documents every variable in .env.example and the README', () => {
    const example = readFileSync(path.join(PROJECT_ROOT, '.env.example'), 'utf8');
    const readme = readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
    for (const name of CONFIG_VARIABLES) {
      expect(example, name).toMatch(new RegExp(`^${name}=`, 'm'));
      expect(readme, name).toContain(`\`${name}\``);
    }
  });
});
