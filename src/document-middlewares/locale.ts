/**
 * No content type here is localized, yet every table has a `locale` column and Strapi stores a
 * `locale` sent in `data` as is (it only reads the `locale` parameter on localized types): a
 * locale is refused on a type that has none, from REST, GraphQL and the Content Manager alike.
 */
import type { Core } from '@strapi/strapi';
import { fieldError } from '../services/field-error';
import type { DocumentMiddlewareFactory } from './types';

const LOCALE = 'locale';

function isLocalized(strapi: Core.Strapi, uid: string): boolean {
  const model = strapi.getModel(uid as never);
  const i18n = strapi.plugin('i18n')?.service('content-types') as { isLocalizedContentType(model: unknown): boolean } | undefined;
  return Boolean(model && i18n?.isLocalizedContentType(model));
}

/** Absent and null say "no locale", which is what a type without locales stores. */
function given(value: unknown): boolean {
  return value !== undefined && value !== null;
}

const READS = ['findMany', 'findOne', 'findFirst', 'count'];

export const localeOnLocalizedTypes: DocumentMiddlewareFactory = (strapi) => async (context, next) => {
  if (!given(context.params.locale) && !given(context.params.data?.[LOCALE])) return next();
  // "Every locale" on a read (the admin home page's recent entries ask it of every type) is what a
  // type without locales reads anyway.
  if (READS.includes(context.action) && context.params.locale === '*' && !given(context.params.data?.[LOCALE])) return next();
  if (isLocalized(strapi, context.uid)) return next();
  throw fieldError(LOCALE, '此类记录不区分语言版本，不能指定 locale (this content type is not localized)');
};
