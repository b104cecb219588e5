/**
 * Content-API routes the router has and the OpenAPI document leaves out on purpose, each with the
 * reason. Matched against `METHOD /path` in the document's spelling (under /api, `{param}`);
 * test/api/openapi.test.ts fails on a route in neither the document nor this list, on an entry
 * here that matches no route any more, and on a `closed` route that a staff or student login may
 * use (it would then belong in the document).
 */
export interface Omission {
  route: RegExp;
  reason: string;
  /** No login of ours may call it: every staff and student login gets 403. */
  closed: boolean;
}

export const NOT_DOCUMENTED: readonly Omission[] = [
  { route: /^DELETE \/school-setting$/, closed: true, reason: '学校设置只修改、不删除，没有角色被授予删除 (no role may delete the school settings)' },
  {
    route: /^[A-Z]+ \/(users(\/|$)|users-permissions\/|auth\/(sessions|change-password|logout))/,
    closed: true,
    reason: 'users-permissions 的账号与角色管理：账号由学校在后台开设，本项目的角色未被授予 (account and role management happens in the admin)',
  },
  {
    route: /^[A-Z]+ \/(auth\/(local\/register|forgot-password|reset-password|email-confirmation|send-email-confirmation|refresh|\{provider\}\/callback)|connect\/)/,
    closed: false,
    reason: 'Strapi 自带的公开账号流程（自行注册已关闭，答 403；找回密码、邮箱确认、第三方登录未在本项目配置，邮件只进日志），不属于本项目的接口约定；登录见 POST /auth/local (Strapi\'s own public account flows, not part of this contract)',
  },
  { route: /^[A-Z]+ \/upload(\/|$)/, closed: true, reason: '上传插件的通用路由：证明材料走 /status-changes/{documentId}/documents，存于 public/ 之外 (documents have their own route)' },
  { route: /^POST \/email$/, closed: true, reason: '邮件插件的发送路由，不对前端开放 (the email plugin\'s send route)' },
  { route: /^GET \/i18n\/locales$/, closed: true, reason: '界面语言列表，供后台使用 (the admin\'s locales)' },
  { route: /^GET \/content-type-builder\//, closed: true, reason: '内容类型的结构，供后台使用；本文档即其说明 (the schema, for the admin)' },
];

export function isNotDocumented(method: string, path: string): boolean {
  const key = `${method.toUpperCase()} ${path}`;
  return NOT_DOCUMENTED.some((omission) => omission.route.test(key));
}
