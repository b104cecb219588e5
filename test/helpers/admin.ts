/** An admin-panel session for tests that drive the Content Manager's own routes. */
import type { TestApp } from './strapi';

export async function adminToken(app: TestApp): Promise<string> {
  const email = `tester-${Date.now()}-${Math.random().toString(36).slice(2)}@example.com`;
  const password = 'Tester12345';
  const superAdmin = await app.strapi.service('admin::role').getSuperAdmin();
  await app.strapi.service('admin::user').create({ email, firstname: 'Test', lastname: 'Admin', password, isActive: true, registrationToken: null, roles: [superAdmin.id] });
  const response = await app.http.post('/admin/login').send({ email, password });
  const token = response.body?.data?.token ?? response.body?.data?.accessToken;
  if (!token) throw new Error(`admin login failed: ${response.status} ${JSON.stringify(response.body)}`);
  return `Bearer ${token}`;
}
