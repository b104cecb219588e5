import { SECRET_NAMES } from '../../src/services/secrets';

describe('secrets in production', () => {
  test('the server refuses to start without its secrets, naming every missing one', () => {
    jest.isolateModules(() => {
      const { loadSecrets } = require('../../src/services/secrets') as typeof import('../../src/services/secrets');
      expect(() => loadSecrets({ NODE_ENV: 'production', APP_KEYS: 'a,b' })).toThrow(
        /JWT_SECRET.*DATA_ENCRYPTION_KEY|API_TOKEN_SALT/,
      );
      let refusal: unknown = null;
      try {
        loadSecrets({ NODE_ENV: 'production' });
      } catch (error) {
        refusal = error;
      }
      // It must have refused, and named every secret
      expect(refusal).toBeInstanceOf(Error);
      for (const name of SECRET_NAMES) expect((refusal as Error).message).toContain(name);
    });
  });

  test('with every secret in the environment, production starts and uses them', () => {
    jest.isolateModules(() => {
      const { loadSecrets } = require('../../src/services/secrets') as typeof import('../../src/services/secrets');
      const env = Object.fromEntries(SECRET_NAMES.map((name) => [name, `value-of-${name}`]));
      expect(loadSecrets({ ...env, NODE_ENV: 'production' }).JWT_SECRET).toBe('value-of-JWT_SECRET');
    });
  });
});
