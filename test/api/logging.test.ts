/**
 * Logging (security review): a 500 leaves an error line with its stack on the console, lines carry
 * ISO 8601 times, LOG_LEVEL sets the level (info by default), and a national ID or mobile number
 * in an error message is blanked out.
 */
import { env } from '@strapi/utils';
import loggerConfig from '../../config/logger';
import { fakeNationalId } from '../factories';
import { startStrapi, type TestApp } from '../helpers/strapi';

const MESSAGE = Symbol.for('message');
const ISO_LINE = /^\[\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z\] error: /;

let app: TestApp;
beforeAll(async () => {
  app = await startStrapi();
});
afterAll(async () => {
  await app.stop();
});

type Transport = { name?: string; log: (info: Record<symbol, unknown>, next?: () => void) => void };

/** Runs `work` with what reaches the console transport kept, as the lines it would print. */
async function consoleLines(work: () => Promise<void>): Promise<string[]> {
  const lines: string[] = [];
  const transports = (app.strapi.log as unknown as { transports: Transport[] }).transports;
  const console = transports.find((t) => t.name === 'console') as Transport;
  const spy = jest.spyOn(console, 'log').mockImplementation((info, next) => {
    lines.push(String(info[MESSAGE]));
    next?.();
  });
  try {
    await work();
  } finally {
    spy.mockRestore();
  }
  return lines;
}

/** GET /api/me answered by a service that throws `error`: a 500. */
async function failingRequest(error: Error): Promise<void> {
  const service = app.strapi.service('api::student.me') as { ownRecord: (id?: number) => Promise<unknown> };
  const failing = jest.spyOn(service, 'ownRecord').mockRejectedValue(error);
  try {
    expect((await app.http.get('/api/me').set('Authorization', app.auth)).status).toBe(500);
  } finally {
    failing.mockRestore();
  }
}

describe('what the log keeps of a 500', () => {
  test('a service that throws leaves one error line on the console, with an ISO 8601 time, the request and the stack', async () => {
    const lines = await consoleLines(() => failingRequest(new Error('boom in the student service')));
    const errorLines = lines.filter((line) => ISO_LINE.test(line));
    expect(errorLines).toHaveLength(1);
    expect(errorLines[0]).toContain('GET /api/me answered 500: Error: boom in the student service');
    expect(errorLines[0]).toMatch(/\n\s+at /);
  });

  test('a national ID and a mobile number in the error message are blanked out, in the message and the stack', async () => {
    const nationalId = fakeNationalId();
    const lines = await consoleLines(() => failingRequest(new Error(`身份证号 ${nationalId} 与手机 13812345678 不符`)));
    const text = lines.join('\n');
    expect(text).toContain('[身份证号已隐去]');
    expect(text).toContain('[手机号已隐去]');
    expect(text).not.toContain(nationalId);
    expect(text).not.toContain('13812345678');
    expect(text).toMatch(/\n\s+at /);
  });
});

describe('LOG_LEVEL', () => {
  const saved = { LOG_LEVEL: process.env.LOG_LEVEL, NODE_ENV: process.env.NODE_ENV };
  afterEach(() => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  test.each([
    ['development, not set', 'development', undefined, 'info'],
    ['production, not set', 'production', undefined, 'info'],
    ['tests, not set', 'test', undefined, 'warn'],
    ['set to debug', 'production', 'debug', 'debug'],
    ['set to error', 'development', 'error', 'error'],
  ])('%s (NODE_ENV=%s, LOG_LEVEL=%s): the logger and its console log at %s', (_, nodeEnv, logLevel, expected) => {
    process.env.NODE_ENV = nodeEnv;
    if (logLevel === undefined) delete process.env.LOG_LEVEL;
    else process.env.LOG_LEVEL = logLevel;
    const config = loggerConfig({ env }) as { level: string; transports: Array<{ level?: string }> };
    expect(config.level).toBe(expected);
    expect(config.transports.map((t) => t.level)).toEqual([expected]);
  });
});
