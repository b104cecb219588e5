/**
 * "审批办理" in the status-change edit view: where the request stands (from the admin timeline
 * route) and, for the actions the server says the user may take now, the buttons with a comment.
 * The server decides who may act; this panel only offers what it was told is allowed.
 */
import * as React from 'react';
import { Box, Button, Dialog, Divider, Field, Flex, Loader, TextButton, Textarea, Typography } from '@strapi/design-system';
import { isFetchError, useFetchClient, useForm, useNotification, useQueryParams } from '@strapi/strapi/admin';
import { buildValidParams, unstable_useDocument as useDocument, type PanelComponent } from '@strapi/content-manager/strapi-admin';
import {
  ACTION_LABELS,
  COMMENT_REQUIRED,
  CONFIRMED,
  DECISION_ACTIONS,
  doneMessage,
  offeredActions,
  type Timeline,
  type TimelineDocument,
  type WorkflowAction,
} from '../status-change-view';
import { ChainSteps, DecisionRecords, RequestSummary, StatusHistoryEntries, type RequestFacts } from './StatusChangeTimeline';

const STATUS_CHANGE = 'api::status-change.status-change';
const BASE = '/student-records/status-changes';
const COMMENT_MAX_LENGTH = 2000;

type ButtonVariant = 'default' | 'secondary' | 'tertiary' | 'danger' | 'danger-light' | 'success';
const BUTTON_VARIANTS: Record<WorkflowAction, ButtonVariant> = {
  submit: 'default',
  resubmit: 'default',
  approve: 'success',
  reject: 'danger',
  return: 'secondary',
  withdraw: 'danger-light',
};

const CONFIRM_TEXT: Partial<Record<WorkflowAction, string>> = {
  reject: '不同意后申请即办结，不能再提交。确定不同意吗？',
  withdraw: '撤回后申请即办结，不能再提交，只能另行申请。确定撤回吗？',
};

interface ServerError {
  status: number | null;
  message: string;
  field: string | null;
  problems: string[];
}

/** The server's refusal as the panel shows it; its messages are Chinese with English in brackets. */
function serverError(error: unknown): ServerError {
  if (!isFetchError(error)) return { status: null, message: '操作失败，请检查网络后重试。', field: null, problems: [] };
  const body = error.response?.data?.error as { status?: number; message?: string; details?: { errors?: Array<{ path?: string[]; message?: string }> } } | undefined;
  const status = error.status ?? body?.status ?? null;
  const details = body?.details?.errors ?? [];
  const fallback = status === 403 ? '您没有办理此步骤的权限。' : status === 404 ? '找不到该申请，或它不在您的管理范围内。' : '操作失败，请稍后重试。';
  return {
    status,
    message: body?.message || fallback,
    field: details[0]?.path?.[0] ?? null,
    problems: details.length > 1 ? details.map((d) => d.message ?? '').filter(Boolean) : [],
  };
}

/** Asks again before an action that ends the request for good. */
const ConfirmAction = ({ action, onConfirm, onCancel }: { action: WorkflowAction | null; onConfirm: (action: WorkflowAction) => void; onCancel: () => void }) => (
  <Dialog.Root open={action !== null} onOpenChange={(open) => (open ? null : onCancel())}>
    <Dialog.Content>
      <Dialog.Header>{action ? `确认${ACTION_LABELS[action].button}` : ''}</Dialog.Header>
      <Dialog.Body>
        <Typography>{action ? CONFIRM_TEXT[action] : ''}</Typography>
      </Dialog.Body>
      <Dialog.Footer>
        <Dialog.Cancel>
          <Button variant="tertiary" fullWidth>
            取消
          </Button>
        </Dialog.Cancel>
        <Dialog.Action>
          <Button variant="danger" fullWidth onClick={() => action && onConfirm(action)}>
            {action ? `确定${ACTION_LABELS[action].button}` : ''}
          </Button>
        </Dialog.Action>
      </Dialog.Footer>
    </Dialog.Content>
  </Dialog.Root>
);

interface ActionsProps {
  timeline: Timeline;
  unsaved: boolean;
  onDone: (timeline: Timeline) => void;
  onStale: () => void;
}

const WorkflowActions = ({ timeline, unsaved, onDone, onStale }: ActionsProps) => {
  const { post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [comment, setComment] = React.useState('');
  const [commentError, setCommentError] = React.useState<string | null>(null);
  const [problems, setProblems] = React.useState<string[]>([]);
  const [running, setRunning] = React.useState<WorkflowAction | null>(null);
  const [confirming, setConfirming] = React.useState<WorkflowAction | null>(null);
  const actions = offeredActions(timeline.allowedActions);
  const decides = actions.some((action) => DECISION_ACTIONS.includes(action));

  /** The comment check comes first, so that nobody confirms an action that cannot be sent. */
  const commentMissing = (action: WorkflowAction) => {
    const missing = COMMENT_REQUIRED.includes(action) && comment.trim() === '';
    setCommentError(missing ? `${ACTION_LABELS[action].button}时必须填写审批意见。` : null);
    return missing;
  };

  const start = (action: WorkflowAction) => {
    if (commentMissing(action)) return;
    if (CONFIRMED.includes(action)) setConfirming(action);
    else run(action);
  };

  const run = async (action: WorkflowAction) => {
    setConfirming(null);
    setProblems([]);
    if (commentMissing(action)) return;
    setRunning(action);
    try {
      const body = { comment: comment.trim() || null, ...(DECISION_ACTIONS.includes(action) && timeline.currentStep ? { step: timeline.currentStep } : {}) };
      const { data } = await post<{ data: Timeline }>(`${BASE}/${timeline.documentId}/${action}`, body);
      setComment('');
      toggleNotification({ type: 'success', message: doneMessage(action, data.data.state) });
      onDone(data.data);
    } catch (failure) {
      const error = serverError(failure);
      if (error.field === 'comment') setCommentError(error.message);
      setProblems(error.problems);
      // Someone else decided first, or the request moved on: show it as it stands now.
      if (error.status === 409) {
        toggleNotification({ type: 'warning', title: '申请已有变化', message: `${error.message}。已显示最新的办理情况，请核对后再操作。` });
        onStale();
      } else {
        toggleNotification({ type: 'danger', title: `${ACTION_LABELS[action].button}未成功`, message: error.message });
      }
    } finally {
      setRunning(null);
    }
  };

  if (actions.length === 0) return null;
  return (
    <Flex direction="column" alignItems="stretch" gap={3}>
      <Typography variant="sigma" textColor="neutral600" tag="h3">
        办理
      </Typography>
      {decides ? (
        <Field.Root name="workflow-comment" error={commentError ?? undefined} hint="不同意或退回时必须填写；同意时可不填。">
          <Field.Label>审批意见</Field.Label>
          <Textarea value={comment} maxLength={COMMENT_MAX_LENGTH} onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => setComment(event.target.value)} />
          <Field.Hint />
          <Field.Error />
        </Field.Root>
      ) : null}
      {unsaved && actions.some((a) => a === 'submit' || a === 'resubmit') ? (
        <Typography variant="pi" textColor="warning700">
          表单有未保存的修改，请先保存，再提交。
        </Typography>
      ) : null}
      <Flex gap={2} wrap="wrap">
        {actions.map((action) => (
          <Button
            key={action}
            variant={BUTTON_VARIANTS[action]}
            loading={running === action}
            disabled={running !== null || (unsaved && (action === 'submit' || action === 'resubmit'))}
            onClick={() => start(action)}
          >
            {ACTION_LABELS[action].button}
          </Button>
        ))}
      </Flex>
      {problems.length > 0 ? (
        <Flex tag="ul" direction="column" alignItems="stretch" gap={1}>
          {problems.map((problem) => (
            <Typography key={problem} tag="li" variant="pi" textColor="danger600">
              {problem}
            </Typography>
          ))}
        </Flex>
      ) : null}
      <ConfirmAction action={confirming} onConfirm={run} onCancel={() => setConfirming(null)} />
    </Flex>
  );
};

/** The request's supporting documents: each downloaded through the server (never a public link), and an upload while the request can take them. */
const RequestDocuments = ({ timeline, onChange }: { timeline: Timeline; onChange: (timeline: Timeline) => void }) => {
  const { get, post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const input = React.useRef<HTMLInputElement>(null);
  const [uploading, setUploading] = React.useState(false);
  const base = `${BASE}/${timeline.documentId}/documents`;

  const download = async (document: TimelineDocument) => {
    try {
      const { data } = await get<Blob>(`${base}/${document.id}`, { responseType: 'blob' });
      const url = URL.createObjectURL(data);
      const link = window.document.createElement('a');
      link.href = url;
      link.download = document.name;
      link.click();
      URL.revokeObjectURL(url);
    } catch (failure) {
      toggleNotification({ type: 'danger', title: '下载未成功', message: serverError(failure).message });
    }
  };

  const upload = async (files: FileList | null) => {
    if (!files || files.length === 0) return;
    const form = new FormData();
    for (const file of Array.from(files)) form.append('files', file);
    setUploading(true);
    try {
      const { data } = await post<{ data: Timeline }>(base, form);
      onChange(data.data);
      toggleNotification({ type: 'success', message: `已上传 ${files.length} 个文件` });
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
        申请材料
      </Typography>
      {timeline.documents.length === 0 ? (
        <Typography variant="pi" textColor="neutral600">
          尚未上传材料
        </Typography>
      ) : (
        timeline.documents.map((document) => (
          <Flex key={document.id} justifyContent="space-between" gap={2}>
            <Typography variant="pi" ellipsis>
              {`${document.name}（${Math.max(1, Math.round(document.size))} KB）`}
            </Typography>
            <TextButton onClick={() => download(document)}>下载</TextButton>
          </Flex>
        ))
      )}
      {timeline.canAttachDocuments ? (
        <Flex direction="column" alignItems="flex-start" gap={1}>
          <input ref={input} type="file" accept="application/pdf,image/jpeg,image/png" multiple hidden onChange={(event) => upload(event.target.files)} />
          <Button variant="secondary" loading={uploading} onClick={() => input.current?.click()}>
            上传材料
          </Button>
          <Typography variant="pi" textColor="neutral600">
            PDF、JPG 或 PNG，每个不超过 10 MB，一次最多 5 个
          </Typography>
        </Flex>
      ) : null}
    </Flex>
  );
};

interface WorkflowProps {
  documentId: string;
  model: string;
  collectionType: string;
  facts: RequestFacts;
}

const StatusChangeWorkflow = ({ documentId, model, collectionType, facts }: WorkflowProps) => {
  const { get } = useFetchClient();
  const [timeline, setTimeline] = React.useState<Timeline | null>(null);
  const [loadError, setLoadError] = React.useState<string | null>(null);
  const [{ query }] = useQueryParams();
  const params = React.useMemo(() => buildValidParams(query), [query]);
  // The edit view's own query: refetching it puts the form's values in step with the request.
  const { refetch } = useDocument({ documentId, model, collectionType, params });
  const unsaved = useForm('StatusChangeWorkflow', (state) => state.modified, false) ?? false;

  const load = React.useCallback(async () => {
    try {
      const { data } = await get<{ data: Timeline }>(`${BASE}/${documentId}/timeline`);
      setTimeline(data.data);
      setLoadError(null);
    } catch (failure) {
      setLoadError(serverError(failure).message);
    }
  }, [get, documentId]);

  React.useEffect(() => {
    load();
  }, [load]);

  const onDone = (next: Timeline) => {
    setTimeline(next);
    refetch();
  };
  const onStale = () => {
    load();
    refetch();
  };

  if (loadError) {
    return (
      <Typography variant="pi" textColor="danger600">
        {`无法加载审批信息：${loadError}`}
      </Typography>
    );
  }
  if (!timeline) return <Loader small>正在加载审批信息</Loader>;
  return (
    <Flex direction="column" alignItems="stretch" gap={4} width="100%">
      <RequestSummary timeline={timeline} facts={facts} />
      <Divider />
      <ChainSteps timeline={timeline} />
      <RequestDocuments timeline={timeline} onChange={onDone} />
      <WorkflowActions timeline={timeline} unsaved={unsaved} onDone={onDone} onStale={onStale} />
      <Divider />
      <DecisionRecords timeline={timeline} />
      {timeline.history.length > 0 ? (
        <Box>
          <Divider marginBottom={4} />
          <StatusHistoryEntries timeline={timeline} />
        </Box>
      ) : null}
    </Flex>
  );
};

/** Shown on saved status changes only: a new request has no workflow yet. */
export const StatusChangePanel: PanelComponent = ({ model, documentId, collectionType, document }) => {
  if (model !== STATUS_CHANGE || !documentId) return null;
  const facts: RequestFacts = {
    semester: (document?.semester as string | null | undefined) ?? null,
    submittedAt: (document?.submittedAt as string | null | undefined) ?? null,
    decidedAt: (document?.decidedAt as string | null | undefined) ?? null,
    appliedBy: (document?.appliedBy as string | null | undefined) ?? null,
  };
  return {
    title: '审批办理',
    content: <StatusChangeWorkflow documentId={documentId} model={model} collectionType={collectionType} facts={facts} />,
  };
};
