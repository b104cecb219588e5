/** A button that downloads a PDF the server prints (a request's form, a class roster), with the admin's session. */
import * as React from 'react';
import { Button } from '@strapi/design-system';
import { FilePdf } from '@strapi/icons';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { serverError } from './ApprovalTimeline';

export const PrintButton = ({ url, filename, label }: { url: string; filename: string; label: string }) => {
  const { get } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [busy, setBusy] = React.useState(false);
  const print = async () => {
    setBusy(true);
    try {
      const { data } = await get<Blob>(url, { responseType: 'blob' });
      const link = window.document.createElement('a');
      link.href = URL.createObjectURL(data);
      link.download = filename;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    } catch (failure) {
      toggleNotification({ type: 'danger', title: '打印未成功', message: serverError(failure).message });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button variant="tertiary" size="S" startIcon={<FilePdf />} loading={busy} onClick={print} fullWidth>
      {label}
    </Button>
  );
};
