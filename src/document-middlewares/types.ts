/** The part of a Document Service middleware's context our middlewares read. */
import type { Core } from '@strapi/strapi';

export interface DocumentParams {
  data?: Record<string, unknown>;
  documentId?: string;
  filters?: unknown;
  [key: string]: unknown;
}

export interface DocumentContext {
  uid: string;
  action: string;
  params: DocumentParams;
}

export type DocumentMiddleware = (context: DocumentContext, next: () => Promise<unknown>) => Promise<unknown>;

export type DocumentMiddlewareFactory = (strapi: Core.Strapi) => DocumentMiddleware;
