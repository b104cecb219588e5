/**
 * The Swagger UI page at /documentation, as files of this server only: the plugin's own page puts
 * the whole document in an inline script (refused by our `script-src 'self'`) and its login page
 * loads a Google font. Swagger UI's assets come from the installed swagger-ui-dist
 * (/plugins/documentation/*), so the page works with no internet.
 */

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function swaggerPage(baseUrl: string): string {
  const base = escapeHtml(baseUrl);
  return `<!doctype html>
<html lang="zh-CN">
  <head>
    <meta charset="utf-8">
    <title>学籍管理系统 API 文档</title>
    <link rel="stylesheet" href="${base}/plugins/documentation/swagger-ui.css">
    <link rel="icon" type="image/png" href="${base}/plugins/documentation/favicon-32x32.png" sizes="32x32">
  </head>
  <body>
    <div id="swagger-ui" data-spec-url="${base}/documentation/openapi.json"></div>
    <script src="${base}/plugins/documentation/swagger-ui-bundle.js"></script>
    <script src="${base}/documentation/swagger-init.js"></script>
  </body>
</html>
`;
}

/** Starts Swagger UI on the document's URL; no validator badge (it would call validator.swagger.io). */
export const SWAGGER_INIT = `window.addEventListener('load', function () {
  var root = document.getElementById('swagger-ui');
  window.ui = SwaggerUIBundle({
    url: root.getAttribute('data-spec-url'),
    dom_id: '#swagger-ui',
    deepLinking: true,
    docExpansion: 'none',
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
  });
});
`;

/** The plugin's password page (restricted access, set in 设置 → 文档), without external fonts. */
export function loginPage(baseUrl: string, failed: boolean): string {
  const base = escapeHtml(baseUrl);
  return `<!doctype html>
<html lang="zh-CN">
  <head><meta charset="utf-8"><title>API 文档 · 登录</title></head>
  <body style="font-family: sans-serif; max-width: 420px; margin: 80px auto;">
    <h1 style="font-size: 20px;">学籍管理系统 API 文档</h1>
    <form method="post" action="${base}/documentation/login">
      <label>访问密码 <input type="password" name="password" autofocus required></label>
      <button type="submit">进入</button>
    </form>
    ${failed ? '<p role="alert" style="color: #b00;">密码不正确</p>' : ''}
  </body>
</html>
`;
}
