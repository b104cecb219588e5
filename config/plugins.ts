import { loadSecrets } from '../src/services/secrets';

export default ({ env }: { env: any }) => ({
  'users-permissions': {
    config: { jwtSecret: loadSecrets().JWT_SECRET, jwt: { expiresIn: '7d' } },
  },
  // No mail leaves the machine unless a deployment installs a real provider and names it here.
  email: {
    config: {
      provider: env('EMAIL_PROVIDER', '@student-records/provider-email-log'),
      providerOptions: { showBody: env('NODE_ENV') !== 'production' },
      settings: {
        defaultFrom: env('EMAIL_FROM', 'no-reply@example.com'),
        defaultReplyTo: env('EMAIL_REPLY_TO', 'no-reply@example.com'),
      },
    },
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
