import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/runtime/node/config.js';

function configError(env: Record<string, string | undefined>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).code).toBe('ERR_CONFIG');
    return error as ConfigError;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('configuration defaults', () => {
  it('an empty environment gives PORT 8787, PUBLIC_URL http://localhost:8787, DATABASE_PATH data/skillcert.db, KEYS_DIR keys', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 8787,
      publicUrl: 'http://localhost:8787',
      databasePath: 'data/skillcert.db',
      keysDir: 'keys',
    });
    expect(config.adminToken).toBeUndefined();
  });

  it('empty variables count as unset', () => {
    expect(loadConfig({ PORT: '', PUBLIC_URL: '', DATABASE_PATH: '' })).toMatchObject({
      port: 8787, publicUrl: 'http://localhost:8787', databasePath: 'data/skillcert.db',
    });
  });

  it('PUBLIC_URL defaults to localhost on the configured PORT', () => {
    expect(loadConfig({ PORT: '3000' }).publicUrl).toBe('http://localhost:3000');
  });

  it('PUBLIC_URL loses its trailing slashes', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://example.org/tvet/issuer/' }).publicUrl).toBe('https://example.org/tvet/issuer');
  });

  it('variables that are set are used', () => {
    const config = loadConfig({ PORT: '9000', DATABASE_PATH: '/var/lib/skillcert/db.sqlite', KEYS_DIR: '/etc/skillcert/keys', ADMIN_TOKEN: 'a'.repeat(32) });
    expect(config).toMatchObject({ port: 9000, databasePath: '/var/lib/skillcert/db.sqlite', keysDir: '/etc/skillcert/keys', adminToken: 'a'.repeat(32) });
  });
});

describe('an invalid environment fails at start-up with a ConfigError naming the variable', () => {
  it.each(['abc', '0', '65536', '80.5', '-1'])('PORT=%s is refused, naming PORT', (port) => {
    expect(configError({ PORT: port }).message).toContain('PORT');
  });

  it.each(['not a url', 'localhost:8787', 'ftp://example.org', 'https://example.org/?tenant=1', 'https://example.org/#top'])(
    'PUBLIC_URL=%s is refused, naming PUBLIC_URL',
    (url) => {
      expect(configError({ PUBLIC_URL: url }).message).toContain('PUBLIC_URL');
    },
  );

  it('an ADMIN_TOKEN shorter than 24 characters is refused, naming ADMIN_TOKEN', () => {
    expect(configError({ ADMIN_TOKEN: 'short' }).message).toContain('ADMIN_TOKEN');
  });

  it('the error never echoes the value of a bad ADMIN_TOKEN', () => {
    const secret = 'my secret admin token with spaces';
    const { message } = configError({ ADMIN_TOKEN: secret });
    expect(message).toContain('ADMIN_TOKEN');
    expect(message).not.toContain(secret);
  });

  it('several bad variables are all named in one error', () => {
    const { message } = configError({ PORT: 'abc', PUBLIC_URL: 'ftp://example.org' });
    expect(message).toContain('PORT');
    expect(message).toContain('PUBLIC_URL');
  });
});
