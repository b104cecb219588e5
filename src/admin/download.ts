/**
 * Downloads a file the server makes (an Excel export, a report's sheet, a printed PDF) with the
 * admin's session, under the name the server gives it; a refusal shows the server's Chinese
 * message. One piece of code for every download button of the admin.
 */
import * as React from 'react';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';

/** Saves a blob under `filename` through a temporary link. */
export function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The name in `Content-Disposition: attachment; filename*=UTF-8''...`, if any. */
export function dispositionName(disposition: string | null | undefined): string | null {
  const named = /filename\*=UTF-8''([^;]+)/.exec(disposition ?? '')?.[1];
  if (!named) return null;
  try {
    return decodeURIComponent(named);
  } catch {
    return null;
  }
}

/** `download(url, fallbackName)`, and whether one is under way. */
export function useDownload(failureTitle: string) {
  const { get } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [busy, setBusy] = React.useState(false);
  const download = React.useCallback(
    async (url: string, fallbackName: string) => {
      setBusy(true);
      try {
        // Every status is taken, so that a refusal's Chinese message (JSON) can be shown.
        const response = await get(url, { responseType: 'blob', validateStatus: () => true });
        if (response.status !== 200) {
          const body = JSON.parse(await (response.data as Blob).text().catch(() => '{}')) as { error?: { message?: string } };
          toggleNotification({ type: 'danger', title: failureTitle, message: body.error?.message ?? '请稍后再试。' });
          return;
        }
        saveFile(response.data as Blob, dispositionName(response.headers?.get('Content-Disposition')) ?? fallbackName);
      } catch {
        toggleNotification({ type: 'danger', title: failureTitle, message: '网络异常，请检查网络后再试。' });
      } finally {
        setBusy(false);
      }
    },
    [get, toggleNotification, failureTitle],
  );
  return { busy, download };
}
