'use strict';

/**
 * An email provider that never opens a connection: each message becomes one log line.
 * The product runs without internet access; a deployment that must deliver mail installs
 * a real provider (for example @strapi/provider-email-nodemailer) and names it in
 * config/plugins.ts.
 *
 * The recipient and subject are logged always; the body only outside production,
 * because password-reset mails carry a token.
 */
module.exports = {
  init(providerOptions = {}, settings = {}) {
    const showBody = providerOptions.showBody === true;
    return {
      async send(options) {
        const log = global.strapi ? global.strapi.log : console;
        const to = [].concat(options.to || []).join(', ');
        const from = options.from || settings.defaultFrom || '';
        log.info(`[email] not sent (log provider): to=${to} from=${from} subject=${JSON.stringify(options.subject || '')}`);
        if (showBody) log.info(`[email] body:\n${options.text || options.html || ''}`);
      },
    };
  },
};
