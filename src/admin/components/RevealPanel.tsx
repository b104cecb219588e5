/**
 * "查看完整个人信息" in the student's edit view: for roles holding the reveal permission, a
 * button opens a dialog that asks which fields and why, then shows the clear values until it is
 * closed. The reveal and its reason are logged by the server; nothing is kept in the browser.
 */
import * as React from 'react';
import { Box, Button, Checkbox, Field, Flex, Modal, Textarea, Typography } from '@strapi/design-system';
import { isFetchError, useAuth, useFetchClient } from '@strapi/strapi/admin';
import type { PanelComponent } from '@strapi/content-manager/strapi-admin';

const STUDENT = 'api::student.student';
const REVEAL_ACTION = 'api::reveal-personal-data';
const REASON_MIN_LENGTH = 4;
const REASON_MAX_LENGTH = 500;

const FIELDS = [
  { name: 'nationalId', label: '身份证号码' },
  { name: 'phone', label: '联系电话' },
  { name: 'homeAddress', label: '家庭住址' },
] as const;
type FieldName = (typeof FIELDS)[number]['name'];
type Revealed = Partial<Record<FieldName, string | null>>;

/** What the person is told when the server refuses, by status. */
const REFUSALS: Record<number, string> = {
  403: '您没有查看完整个人信息的权限。',
  404: '找不到该学生，或该学生不在您的管理范围内。',
};

function refusalMessage(error: unknown): string {
  if (!isFetchError(error)) return '查看失败，请稍后再试。';
  const status = error.status ?? error.response?.data?.error?.status;
  const serverMessage = error.response?.data?.error?.message;
  return (status && REFUSALS[status]) || serverMessage || '查看失败，请稍后再试。';
}

const RevealedValues = ({ values }: { values: Revealed }) => (
  <Flex direction="column" alignItems="stretch" gap={3}>
    {FIELDS.filter(({ name }) => name in values).map(({ name, label }) => (
      <Box key={name}>
        <Typography variant="pi" fontWeight="bold" textColor="neutral600">
          {label}
        </Typography>
        <Typography tag="p" textColor="neutral800">
          {values[name] || '（未填写）'}
        </Typography>
      </Box>
    ))}
    <Typography variant="pi" textColor="neutral600">
      本次查看已记入审计日志。关闭窗口后不再显示。
    </Typography>
  </Flex>
);

interface RevealFormProps {
  fields: FieldName[];
  reason: string;
  error: string | null;
  onToggle: (name: FieldName, checked: boolean) => void;
  onReason: (reason: string) => void;
}

const RevealForm = ({ fields, reason, error, onToggle, onReason }: RevealFormProps) => (
  <Flex direction="column" alignItems="stretch" gap={4}>
    <Flex direction="column" alignItems="stretch" gap={2}>
      <Typography variant="pi" fontWeight="bold">
        查看字段
      </Typography>
      {FIELDS.map(({ name, label }) => (
        <Checkbox key={name} checked={fields.includes(name)} onCheckedChange={(checked) => onToggle(name, checked === true)}>
          {label}
        </Checkbox>
      ))}
    </Flex>
    <Field.Root name="reason" required error={error ?? undefined} hint={`查看理由将与您的账号、时间和字段一并记入审计日志（${REASON_MIN_LENGTH}–${REASON_MAX_LENGTH} 字）。`}>
      <Field.Label>查看理由</Field.Label>
      <Textarea value={reason} maxLength={REASON_MAX_LENGTH} onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => onReason(event.target.value)} />
      <Field.Hint />
      <Field.Error />
    </Field.Root>
  </Flex>
);

const RevealDialog = ({ documentId }: { documentId: string }) => {
  const { post } = useFetchClient();
  const [open, setOpen] = React.useState(false);
  const [fields, setFields] = React.useState<FieldName[]>(FIELDS.map(({ name }) => name));
  const [reason, setReason] = React.useState('');
  const [error, setError] = React.useState<string | null>(null);
  const [revealed, setRevealed] = React.useState<Revealed | null>(null);
  const [submitting, setSubmitting] = React.useState(false);

  const onOpenChange = (next: boolean) => {
    setOpen(next);
    // Clear values leave the page with the dialog.
    if (!next) {
      setRevealed(null);
      setReason('');
      setError(null);
    }
  };
  const onToggle = (name: FieldName, checked: boolean) =>
    setFields((current) => (checked ? FIELDS.map((f) => f.name).filter((f) => f === name || current.includes(f)) : current.filter((f) => f !== name)));
  const valid = fields.length > 0 && reason.trim().length >= REASON_MIN_LENGTH;

  const submit = async () => {
    setSubmitting(true);
    setError(null);
    try {
      const { data } = await post<{ data: Revealed }>(`/student-records/students/${documentId}/reveal`, { fields, reason: reason.trim() });
      setRevealed(data.data);
    } catch (failure) {
      setError(refusalMessage(failure));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Modal.Root open={open} onOpenChange={onOpenChange}>
      <Modal.Trigger>
        <Button variant="secondary" fullWidth>
          查看完整个人信息
        </Button>
      </Modal.Trigger>
      <Modal.Content>
        <Modal.Header closeLabel="关闭">
          <Modal.Title>查看完整个人信息</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          {revealed ? <RevealedValues values={revealed} /> : <RevealForm fields={fields} reason={reason} error={error} onToggle={onToggle} onReason={setReason} />}
        </Modal.Body>
        <Modal.Footer>
          <Modal.Close>
            <Button variant="tertiary">{revealed ? '关闭' : '取消'}</Button>
          </Modal.Close>
          {revealed ? null : (
            <Button onClick={submit} loading={submitting} disabled={!valid || submitting}>
              确认查看
            </Button>
          )}
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};

/** The edit-view side panel; shown on students, to roles that may reveal, for saved records. */
export const RevealPanel: PanelComponent = ({ model, documentId }) => {
  const canReveal = useAuth('RevealPanel', (auth) => auth.permissions.some((permission) => permission.action === REVEAL_ACTION));
  if (model !== STUDENT || !documentId || !canReveal) return null;
  return { title: '个人敏感信息', content: <RevealDialog documentId={documentId} /> };
};
