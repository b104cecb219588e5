import { loadSecrets } from '../src/services/secrets';

export default ({ env }: { env: any }) => {
  const secrets = loadSecrets();
  return {
    auth: { secret: secrets.ADMIN_JWT_SECRET },
    apiToken: { salt: secrets.API_TOKEN_SALT },
    transfer: { token: { salt: secrets.TRANSFER_TOKEN_SALT } },
    secrets: { encryptionKey: secrets.ENCRYPTION_KEY },
    autoOpen: false,
    // Nothing in the admin may call out: no surveys, upsell banners or AI services.
    flags: { nps: false, promoteEE: false },
    ai: { enabled: false },
    // Records have no public page to preview.
    preview: { enabled: false },
    watchIgnoreFiles: ['**/.tmp/**', '**/test/**', '**/bench/**', '**/database/**'],
    url: env('ADMIN_URL', '/admin'),
  };
};
