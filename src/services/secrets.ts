/**
 * Server secrets. In production every one must come from the environment, or the server refuses
 * to start. Elsewhere a missing secret is generated once into `.tmp/secrets.json`, so development
 * and test data stay readable across restarts.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const SECRET_NAMES = [
  'APP_KEYS',
  'API_TOKEN_SALT',
  'ADMIN_JWT_SECRET',
  'TRANSFER_TOKEN_SALT',
  'ENCRYPTION_KEY',
  'JWT_SECRET',
  'DATA_ENCRYPTION_KEY',
] as const;
export type SecretName = (typeof SECRET_NAMES)[number];
export type Secrets = Record<SecretName, string>;

let cached: Secrets | undefined;

function generate(name: SecretName): string {
  if (name === 'APP_KEYS') return [1, 2, 3, 4].map(() => randomBytes(16).toString('base64')).join(',');
  return randomBytes(32).toString('base64');
}

/**
 * Creates the file once, atomically: the secrets are written to a file of this process's own and
 * linked into place, which fails if another process got there first. Processes starting together
 * (Jest workers, two servers) then all read one complete file, never a half-written one.
 */
function readOrCreateLocalSecrets(file: string): Partial<Secrets> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const fresh = Object.fromEntries(SECRET_NAMES.map((name) => [name, generate(name)]));
  const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  fs.writeFileSync(draft, JSON.stringify(fresh, null, 2), { flag: 'wx', mode: 0o600 });
  try {
    fs.linkSync(draft, file);
    console.warn(`[secrets] generated development secrets into ${file}; set them in the environment for production`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    fs.rmSync(draft, { force: true });
  }
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<Secrets>;
}

/** Every secret the server needs; throws in production when any is missing from the environment. */
export function loadSecrets(environment: NodeJS.ProcessEnv = process.env): Secrets {
  if (cached) return cached;
  const fromEnv = Object.fromEntries(SECRET_NAMES.filter((n) => environment[n]).map((n) => [n, environment[n]]));
  const missing = SECRET_NAMES.filter((name) => !environment[name]);
  if (missing.length > 0 && environment.NODE_ENV === 'production') {
    throw new Error(`Refusing to start in production without these secrets in the environment: ${missing.join(', ')}`);
  }
  const local = missing.length > 0 ? readOrCreateLocalSecrets(path.resolve(process.cwd(), '.tmp', 'secrets.json')) : {};
  cached = { ...local, ...fromEnv } as Secrets;
  return cached;
}
