/**
 * Reads a JSON request body with the GraphQL plugin's own parser's limit (koa-bodyparser: 1 MB);
 * malformed JSON is a 400.
 */
import { errors } from '@strapi/utils';

const LIMIT_BYTES = 1024 * 1024;

export async function readJsonBody(stream: AsyncIterable<Buffer>): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += chunk.length;
    if (size > LIMIT_BYTES) throw new errors.PayloadTooLargeError('请求体超过 1 MB (body larger than 1 MB)');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new errors.ValidationError('请求体不是有效的 JSON (body is not valid JSON)', { source: 'body' });
  }
}
