/**
 * Excel in the Content Manager's list view (issue 14): 导出 Excel for every collection type the
 * user may read (the list's current filters, search and sort, from the URL), 导出（含完整个人信息）
 * with a reason for those who may reveal, and for students 下载导入模板 and 导入新生 for those
 * who may admit. The server checks every permission again (docs/excel.md).
 */
import * as React from 'react';
import { Button, Field, Flex, Modal, SimpleMenu, MenuItem, Textarea, Typography } from '@strapi/design-system';
import { isFetchError, useAuth, useFetchClient, useNotification } from '@strapi/strapi/admin';
import { useLocation, useParams } from 'react-router-dom';
import { saveFile, useDownload } from '../download';

const STUDENT = 'api::student.student';
const READ = 'plugin::content-manager.explorer.read';
const CREATE = 'plugin::content-manager.explorer.create';
const REVEAL_ACTION = 'api::reveal-personal-data';
const REASON_MIN_LENGTH = 4;
const EXCEL = '/student-records/excel';

type Permission = { action: string; subject?: string | null };

/** The list's conditions as the URL holds them, without the page. */
function listQuery(search: string): URLSearchParams {
  const params = new URLSearchParams(search);
  for (const key of ['page', 'pageSize']) params.delete(key);
  return params;
}

function messageOf(error: unknown, fallback: string): string {
  return (isFetchError(error) && error.response?.data?.error?.message) || fallback;
}

/** The marked sheet of a refused import: in the 400's details, base64. */
function markedSheet(error: unknown): { blob: Blob; filename: string } | null {
  const details = isFetchError(error) ? (error.response?.data?.error?.details as { workbook?: string; filename?: string } | undefined) : undefined;
  if (!details?.workbook) return null;
  const bytes = Uint8Array.from(atob(details.workbook), (c) => c.charCodeAt(0));
  return { blob: new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }), filename: details.filename ?? '错误标注.xlsx' };
}

const RevealDialog = ({ open, onClose, onExport }: { open: boolean; onClose: () => void; onExport: (reason: string) => void }) => {
  const [reason, setReason] = React.useState('');
  const tooShort = reason.trim().length < REASON_MIN_LENGTH;
  return (
    <Modal.Root open={open} onOpenChange={(next: boolean) => !next && onClose()}>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>导出完整个人信息</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Field.Root name="reason" required hint="身份证号码、联系电话和家庭住址将以完整形式导出；理由、人数与您的账号一并记入审计日志。">
            <Field.Label>导出理由</Field.Label>
            <Textarea value={reason} maxLength={500} onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => setReason(event.target.value)} />
            <Field.Hint />
          </Field.Root>
        </Modal.Body>
        <Modal.Footer>
          <Button variant="tertiary" onClick={onClose}>取消</Button>
          <Button disabled={tooShort} onClick={() => onExport(reason.trim())}>导出</Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};

export const ExcelActions = () => {
  const { slug } = useParams<{ slug: string }>();
  const { search } = useLocation();
  const { post } = useFetchClient();
  const { busy: downloading, download } = useDownload('导出未成功');
  const { toggleNotification } = useNotification();
  const permissions = useAuth('ExcelActions', (auth) => auth.permissions as Permission[]);
  const [busy, setBusy] = React.useState(false);
  const [revealing, setRevealing] = React.useState(false);
  const upload = React.useRef<HTMLInputElement>(null);
  const holds = (action: string, subject: string | null) => permissions.some((p) => p.action === action && (p.subject ?? null) === subject);
  if (!slug?.startsWith('api::') || !holds(READ, slug)) return null;
  const isStudent = slug === STUDENT;

  const exportList = (reason?: string) => {
    const params = listQuery(search);
    if (reason) {
      params.set('reveal', 'all');
      params.set('reason', reason);
    }
    setRevealing(false);
    return download(`${EXCEL}/export/${slug}?${params.toString()}`, '导出.xlsx');
  };

  const importSheet = async (file: File) => {
    setBusy(true);
    const form = new FormData();
    form.append('file', file);
    try {
      const response = await post<{ meta: { count: number } }>(`${EXCEL}/admissions/import`, form);
      toggleNotification({ type: 'success', message: `已导入 ${response.data.meta.count} 名学生` });
      setTimeout(() => window.location.reload(), 1500);
    } catch (error) {
      const marked = markedSheet(error);
      if (marked) saveFile(marked.blob, marked.filename);
      const suffix = marked ? `已下载标注错误的表格（${marked.filename}）。` : '';
      toggleNotification({ type: 'warning', message: `${messageOf(error, '导入失败，请稍后再试。')}${suffix ? ` ${suffix}` : ''}`, timeout: 15000 });
    } finally {
      setBusy(false);
      if (upload.current) upload.current.value = '';
    }
  };

  return (
    <Flex gap={2}>
      <SimpleMenu label="Excel" variant="tertiary" disabled={busy || downloading}>
        <MenuItem onSelect={() => exportList()}>导出 Excel</MenuItem>
        {isStudent && holds(REVEAL_ACTION, null) && <MenuItem onSelect={() => setRevealing(true)}>导出 Excel（含完整个人信息）</MenuItem>}
        {isStudent && holds(CREATE, STUDENT) && <MenuItem onSelect={() => download(`${EXCEL}/admissions/template`, '新生导入模板.xlsx')}>下载导入模板</MenuItem>}
        {isStudent && holds(CREATE, STUDENT) && <MenuItem onSelect={() => upload.current?.click()}>导入新生</MenuItem>}
      </SimpleMenu>
      {(busy || downloading) && <Typography variant="pi" textColor="neutral600">处理中…</Typography>}
      <input ref={upload} type="file" hidden accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" onChange={(event) => event.target.files?.[0] && importSheet(event.target.files[0])} />
      <RevealDialog open={revealing} onClose={() => setRevealing(false)} onExport={(reason) => exportList(reason)} />
    </Flex>
  );
};
