/** Public registration stays off: written at every start, so a setting switched on in the admin does not survive a restart. */
import type { Core } from '@strapi/strapi';

export async function closePublicRegistration(strapi: Core.Strapi): Promise<void> {
  const store = strapi.store({ type: 'plugin', name: 'users-permissions' });
  const advanced = ((await store.get({ key: 'advanced' })) ?? {}) as Record<string, unknown>;
  if (advanced.allow_register === false) return;
  await store.set({ key: 'advanced', value: { ...advanced, allow_register: false } });
  strapi.log.info('[users-permissions] public registration turned off');
}
