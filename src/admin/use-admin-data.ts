/** One admin route's `data`, fetched when the panel mounts (and again when the URL changes). */
import * as React from 'react';
import { useFetchClient } from '@strapi/strapi/admin';

/**
 * `null` while loading, `'failed'` when the server refused or could not answer, else the route's
 * `data`; the setter replaces it with a newer answer (an upload's, say).
 */
export function useAdminData<T>(url: string): [T | 'failed' | null, (value: T) => void] {
  const { get } = useFetchClient();
  const [value, setValue] = React.useState<T | 'failed' | null>(null);
  React.useEffect(() => {
    let live = true;
    setValue(null);
    get<{ data: T }>(url).then(
      ({ data }) => live && setValue(data.data),
      () => live && setValue('failed'),
    );
    return () => {
      live = false;
    };
  }, [get, url]);
  return [value, setValue];
}
