/**
 * The admin panel speaks Chinese only. Messages the server writes for every door carry Chinese
 * with an English gloss for API clients ("休学开始日期必填 (suspensionStart is required)"); the
 * admin shows the Chinese part. Strapi's own English messages for common refusals get Chinese.
 */

/** Strapi's generic messages, as its errors carry them, in Chinese. */
const GENERIC: Readonly<Record<string, string>> = {
  Forbidden: '没有权限执行此操作',
  'Policy Failed': '没有权限执行此操作',
  Unauthorized: '请先登录',
  'Missing or invalid credentials': '登录已失效，请重新登录',
  'Not Found': '记录不存在或无权查看',
  'Bad Request': '请求有误',
  'Internal Server Error': '服务器出错，请稍后重试或联系管理员',
  'Too Many Requests': '操作过于频繁，请稍后再试',
  'Too many requests, please try again later.': '操作过于频繁，请稍后再试',
  'Invalid credentials': '邮箱或密码不正确',
  'Entry not found': '记录不存在或无权查看',
  'Document not found': '记录不存在或无权查看',
};

const HAS_CHINESE = /[\u3400-\u9fff]/;
/** An "(english gloss)": plain ASCII with letters in half-width parentheses. */
const GLOSS = /\s*\((?=[^()]*[A-Za-z])[\x20-\x27\x2a-\x7e]*\)/g;

/** The message as the admin shows it. */
export function adminMessage(message: string): string {
  const generic = GENERIC[message.trim()];
  if (generic) return generic;
  if (!HAS_CHINESE.test(message)) return message;
  return message.replace(GLOSS, '').trim();
}

type ErrorBody = { error?: { message?: unknown; details?: { errors?: Array<{ message?: unknown }> } } };

/** Rewrites an error answer's messages in place for the admin; other bodies are left alone. */
export function toAdminErrorBody(body: unknown): void {
  const error = (body as ErrorBody | null)?.error;
  if (!error || typeof error !== 'object') return;
  if (typeof error.message === 'string') error.message = adminMessage(error.message);
  for (const item of error.details?.errors ?? []) {
    if (item && typeof item.message === 'string') item.message = adminMessage(item.message);
  }
}
