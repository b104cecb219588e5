/** Extra Strapi processes sharing the test database. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import supertest from 'supertest';

export interface ServerProcess {
  http: ReturnType<typeof supertest>;
  stop(): Promise<void>;
}

/** A server process on `port`; `env` overrides (another DATABASE_URL, say). */
export async function startServerProcess(port: number, env: Record<string, string> = {}): Promise<ServerProcess> {
  const child: ChildProcess = spawn(process.execPath, [path.join(__dirname, 'server-process.js')], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`server process exited with ${code}`)));
  });
  return {
    http: supertest(`http://127.0.0.1:${port}`),
    stop: () =>
      new Promise<void>((resolve) => {
        child.removeAllListeners('exit');
        child.on('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
