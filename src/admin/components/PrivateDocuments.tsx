/**
 * A record's private files (a status change's supporting documents, an integrity record's
 * evidence): each downloaded through the server with the admin's session (never a public link),
 * and an upload while the server says the user may add some. The server checks both again.
 */
import * as React from 'react';
import { Button, Flex, TextButton, Typography } from '@strapi/design-system';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { serverError } from './ApprovalTimeline';

export interface PrivateFile {
  id: number;
  name: string;
  /** KB, as the upload plugin keeps it. */
  size: number;
}

interface Props<T> {
  /** The admin route of the files: `GET base/:id` reads one, `POST base` (multipart `files`) adds. */
  base: string;
  title: string;
  files: PrivateFile[];
  canAttach: boolean;
  uploadLabel: string;
  /** What the POST answered: the caller's new state. */
  onUploaded: (data: T) => void;
}

export function PrivateDocuments<T>({ base, title, files, canAttach, uploadLabel, onUploaded }: Props<T>) {
  const { get, post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const input = React.useRef<HTMLInputElement>(null);
  const [uploading, setUploading] = React.useState(false);

  const download = async (file: PrivateFile) => {
    try {
      const { data } = await get<Blob>(`${base}/${file.id}`, { responseType: 'blob' });
      const url = URL.createObjectURL(data);
      const link = window.document.createElement('a');
      link.href = url;
      link.download = file.name;
      link.click();
      URL.revokeObjectURL(url);
    } catch (failure) {
      toggleNotification({ type: 'danger', title: '下载未成功', message: serverError(failure).message });
    }
  };

  const upload = async (chosen: FileList | null) => {
    if (!chosen || chosen.length === 0) return;
    const form = new FormData();
    for (const file of Array.from(chosen)) form.append('files', file);
    setUploading(true);
    try {
      const { data } = await post<{ data: T }>(base, form);
      onUploaded(data.data);
      toggleNotification({ type: 'success', message: `已上传 ${chosen.length} 个文件` });
    } catch (failure) {
      toggleNotification({ type: 'danger', title: '上传未成功', message: serverError(failure).message });
    } finally {
      setUploading(false);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      <Typography variant="sigma" textColor="neutral600">
        {title}
      </Typography>
      {files.length === 0 ? (
        <Typography variant="pi" textColor="neutral600">
          尚未上传材料
        </Typography>
      ) : (
        files.map((file) => (
          <Flex key={file.id} justifyContent="space-between" gap={2}>
            <Typography variant="pi" ellipsis>
              {`${file.name}（${Math.max(1, Math.round(file.size))} KB）`}
            </Typography>
            <TextButton onClick={() => download(file)}>下载</TextButton>
          </Flex>
        ))
      )}
      {canAttach ? (
        <Flex direction="column" alignItems="flex-start" gap={1}>
          <input ref={input} type="file" accept="application/pdf,image/jpeg,image/png" multiple hidden onChange={(event) => upload(event.target.files)} />
          <Button variant="secondary" loading={uploading} onClick={() => input.current?.click()}>
            {uploadLabel}
          </Button>
          <Typography variant="pi" textColor="neutral600">
            PDF、JPG 或 PNG，每个不超过 10 MB，一次最多 5 个
          </Typography>
        </Flex>
      ) : null}
    </Flex>
  );
}
