/** A button that downloads a PDF the server prints (a request's form, a class roster), with the admin's session. */
import * as React from 'react';
import { Button } from '@strapi/design-system';
import { FilePdf } from '@strapi/icons';
import { useDownload } from '../download';

export const PrintButton = ({ url, filename, label }: { url: string; filename: string; label: string }) => {
  const { busy, download } = useDownload('打印未成功');
  return (
    <Button variant="tertiary" size="S" startIcon={<FilePdf />} loading={busy} onClick={() => download(url, filename)} fullWidth>
      {label}
    </Button>
  );
};
