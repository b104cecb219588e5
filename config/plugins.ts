import { loadSecrets } from '../src/services/secrets';

export default ({ env }: { env: any }) => ({
  'users-permissions': {
    config: { jwtSecret: loadSecrets().JWT_SECRET, jwt: { expiresIn: '7d' } },
  },
  graphql: {
    config: {
      endpoint: '/graphql',
      shadowCRUD: true,
      landingPage: env('NODE_ENV') !== 'production',
      depthLimit: 10,
      defaultLimit: 25,
      maxLimit: 100,
      apolloServer: { introspection: env('NODE_ENV') !== 'production' },
    },
  },
});
