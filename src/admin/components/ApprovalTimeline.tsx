/**
 * The approval panel's parts that any subject on the engine mounts: the chain step by step, the
 * decisions by round, and the action buttons with the decision's comment. A subject's panel adds
 * its own facts around them (StatusChangePanel.tsx for status changes).
 */
import * as React from 'react';
import { Badge, Box, Button, Dialog, Field, Flex, Textarea, Typography } from '@strapi/design-system';
import { isFetchError, useFetchClient, useNotification } from '@strapi/strapi/admin';
import type { Decision as DecisionValue } from '../../domain/approval-vocabulary';
import {
  ACTION_LABELS,
  chineseMessage,
  COMMENT_REQUIRED,
  CONFIRMED,
  DECISION_ACTIONS,
  decisionsByRound,
  deciderLabel,
  describeOutcome,
  formatDateTime,
  label,
  offeredActions,
  stepViews,
  unitLabel,
  type ApprovalTimelineView,
  type StepStatus,
  type TimelineDecision,
  type WorkflowAction,
} from '../approval-view';

const COMMENT_MAX_LENGTH = 2000;

type Variant = 'success' | 'primary' | 'danger' | 'warning' | 'neutral' | 'secondary' | 'alternative';
const DECISION_VARIANTS: Record<string, Variant> = { approve: 'success', reject: 'danger', return: 'warning' };

const STEP_LOOK: Record<StepStatus, { text: string; color: string; dot: string }> = {
  done: { text: '已同意', color: 'success600', dot: 'success500' },
  current: { text: '办理中', color: 'primary600', dot: 'primary600' },
  returned: { text: '已退回', color: 'warning600', dot: 'warning500' },
  rejected: { text: '不同意', color: 'danger600', dot: 'danger600' },
  waiting: { text: '待办理', color: 'neutral600', dot: 'neutral300' },
  'not-reached': { text: '未办理', color: 'neutral500', dot: 'neutral200' },
};

export const Heading = ({ children }: { children: string }) => (
  <Typography variant="sigma" textColor="neutral600" tag="h3">
    {children}
  </Typography>
);

/** An email in the narrow panel wraps before its `@` rather than anywhere. */
export const Breakable = ({ text }: { text: string }) => {
  const at = text.indexOf('@');
  if (at <= 0) return <>{text}</>;
  return (
    <>
      {text.slice(0, at)}
      <wbr />
      {text.slice(at)}
    </>
  );
};

const Dot = ({ color }: { color: string }) => <Box background={color} width="10px" height="10px" hasRadius shrink={0} marginTop="5px" style={{ borderRadius: '50%' }} />;

/** A subject's own words for the decisions (an appeal's reject is 驳回申诉), where the engine's would mislead. */
export type DecisionWords = Partial<Record<DecisionValue, string>>;
const DECISION_OF_STATUS: Partial<Record<StepStatus, DecisionValue>> = { done: 'approve', rejected: 'reject', returned: 'return' };

export const ChainSteps = ({ timeline, departmentName, emptyNote = '提交后确定审批流程。', words = {} }: { timeline: ApprovalTimelineView; departmentName?: string | null; emptyNote?: string; words?: DecisionWords }) => {
  if (timeline.steps.length === 0) {
    return (
      <Flex direction="column" alignItems="stretch" gap={2}>
        <Heading>审批流程</Heading>
        <Typography variant="pi" textColor="neutral600">
          {emptyNote}
        </Typography>
      </Flex>
    );
  }
  return (
    <Flex direction="column" alignItems="stretch" gap={3}>
      <Heading>{timeline.round > 1 ? `审批流程（第 ${timeline.round} 轮）` : '审批流程'}</Heading>
      <Flex tag="ol" direction="column" alignItems="stretch" gap={3}>
        {stepViews(timeline).map((step) => {
          const decided = DECISION_OF_STATUS[step.status];
          const look = { ...STEP_LOOK[step.status], ...(decided && words[decided] ? { text: words[decided] } : {}) };
          const unit = unitLabel(step, departmentName);
          const when = step.status === 'current' && timeline.currentStepDue ? `，期限 ${timeline.currentStepDue}` : step.decision ? `，${formatDateTime(step.decision.decidedAt)}` : '';
          return (
            <Flex tag="li" key={step.number} gap={2} alignItems="flex-start">
              <Dot color={look.dot} />
              <Flex direction="column" alignItems="stretch" gap={0}>
                <Typography variant="omega" fontWeight={step.status === 'current' ? 'bold' : 'regular'} textColor="neutral800">
                  {`${step.number}. ${step.label || unit}`}
                </Typography>
                <Typography variant="pi" textColor="neutral600">
                  {`${unit} · ${step.deadlineDays} 个工作日内`}
                </Typography>
                <Typography variant="pi" textColor={look.color}>
                  {`${look.text}${when}`}
                </Typography>
              </Flex>
            </Flex>
          );
        })}
      </Flex>
    </Flex>
  );
};

const DecisionEntry = ({ decision, words }: { decision: TimelineDecision; words: DecisionWords }) => (
  <Box tag="li" padding={3} background="neutral100" hasRadius>
    <Flex direction="column" alignItems="stretch" gap={1}>
      <Flex justifyContent="space-between" gap={2} alignItems="flex-start">
        <Typography variant="omega" fontWeight="semiBold" textColor="neutral800">
          {`第 ${decision.step} 步 ${decision.stepLabel ?? ''}`.trim()}
        </Typography>
        <Badge variant={DECISION_VARIANTS[decision.decision] ?? 'neutral'}>{words[decision.decision] ?? label(decision.decision)}</Badge>
      </Flex>
      <Typography variant="pi" textColor="neutral700" style={{ overflowWrap: 'anywhere' }}>
        {`${decision.unitName ?? label(decision.unit)} · `}
        <Breakable text={deciderLabel(decision)} />
      </Typography>
      <Typography variant="pi" textColor="neutral600">
        {formatDateTime(decision.decidedAt)}
      </Typography>
      <Typography variant="pi" textColor={decision.comment ? 'neutral800' : 'neutral500'}>
        {decision.comment ? `意见：${decision.comment}` : '（未填写意见）'}
      </Typography>
      {decision.outcome ? (
        <Typography variant="pi" textColor="neutral800">
          {`结论：${describeOutcome(decision.outcome)}`}
        </Typography>
      ) : null}
    </Flex>
  </Box>
);

export const DecisionRecords = ({ timeline, words = {} }: { timeline: Pick<ApprovalTimelineView, 'decisions'>; words?: DecisionWords }) => {
  const rounds = decisionsByRound(timeline.decisions);
  return (
    <Flex direction="column" alignItems="stretch" gap={3}>
      <Heading>审批记录</Heading>
      {rounds.length === 0 ? (
        <Typography variant="pi" textColor="neutral600">
          尚无审批决定。
        </Typography>
      ) : (
        rounds.map(({ round, decisions }) => (
          <Flex key={round} direction="column" alignItems="stretch" gap={2}>
            {rounds.length > 1 ? (
              <Typography variant="pi" fontWeight="bold" textColor="neutral700">
                {`第 ${round} 轮`}
              </Typography>
            ) : null}
            <Flex tag="ol" direction="column" alignItems="stretch" gap={2}>
              {decisions.map((decision) => (
                <DecisionEntry key={`${decision.round}-${decision.step}`} decision={decision} words={words} />
              ))}
            </Flex>
          </Flex>
        ))
      )}
    </Flex>
  );
};

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

/** The server's refusal as the panel shows it: its messages are Chinese with English in brackets, shown without the English. */
export function serverError(error: unknown): ServerError {
  if (!isFetchError(error)) return { status: null, message: '操作失败，请检查网络后重试。', field: null, problems: [] };
  const body = error.response?.data?.error as { status?: number; message?: string; details?: { errors?: Array<{ path?: string[]; message?: string }> } } | undefined;
  const status = error.status ?? body?.status ?? null;
  const details = body?.details?.errors ?? [];
  const fallback = status === 403 ? '您没有办理此步骤的权限。' : status === 404 ? '找不到该申请，或它不在您的管理范围内。' : '操作失败，请稍后重试。';
  return {
    status,
    message: chineseMessage(body?.message ?? '') || fallback,
    field: details[0]?.path?.[0] ?? null,
    problems: details.length > 1 ? details.map((d) => chineseMessage(d.message ?? '')).filter(Boolean) : [],
  };
}

/** Asks again before an action that ends the request for good. */
const ConfirmAction = ({ action, buttonLabel, text, onConfirm, onCancel }: { action: WorkflowAction | null; buttonLabel: (action: WorkflowAction) => string; text: (action: WorkflowAction) => string | undefined; onConfirm: (action: WorkflowAction) => void; onCancel: () => void }) => (
  <Dialog.Root open={action !== null} onOpenChange={(open) => (open ? null : onCancel())}>
    <Dialog.Content>
      <Dialog.Header>{action ? `确认${buttonLabel(action)}` : ''}</Dialog.Header>
      <Dialog.Body>
        <Typography>{action ? text(action) : ''}</Typography>
      </Dialog.Body>
      <Dialog.Footer>
        <Dialog.Cancel>
          <Button variant="tertiary" fullWidth>
            取消
          </Button>
        </Dialog.Cancel>
        <Dialog.Action>
          <Button variant="danger" fullWidth onClick={() => action && onConfirm(action)}>
            {action ? `确定${buttonLabel(action)}` : ''}
          </Button>
        </Dialog.Action>
      </Dialog.Footer>
    </Dialog.Content>
  </Dialog.Root>
);

interface ActionsProps<T extends ApprovalTimelineView> {
  timeline: T;
  /** Where the subject's admin routes are: `${basePath}/${documentId}/${action}` answers with the new timeline. */
  basePath: string;
  /** Unsaved changes in the form: submitting waits for a save. */
  unsaved?: boolean;
  onDone: (timeline: T) => void;
  onStale: () => void;
  /** What the notification says once done (default: the action's own words). */
  doneMessage?: (action: WorkflowAction, state: string) => string;
  /**
   * For subjects whose decisions say more (an appeal's result): what an action's body carries
   * besides the comment and the step, or the problem to show instead of sending it.
   */
  extraBody?: (action: WorkflowAction) => Record<string, unknown> | string;
  /** Actions that need a comment (default: reject and return), the comment's label and hint. */
  commentRequired?: readonly WorkflowAction[];
  commentLabel?: string;
  commentHint?: string;
  /** Buttons named otherwise than ACTION_LABELS (驳回申诉), and their confirmation's text. */
  buttonLabels?: Partial<Record<WorkflowAction, string>>;
  confirmTexts?: Partial<Record<WorkflowAction, string>>;
  /** The subject's own inputs, between the comment and the buttons. */
  children?: React.ReactNode;
  /** Changes whenever those inputs change: a problem shown about them is then out of date and goes. */
  inputsKey?: string;
}

/** The buttons of the actions the caller may take now, with the decision's comment; any subject mounts it. */
export function ApprovalActions<T extends ApprovalTimelineView>({
  timeline,
  basePath,
  unsaved = false,
  onDone,
  onStale,
  doneMessage = (action) => ACTION_LABELS[action].done,
  extraBody,
  commentRequired = COMMENT_REQUIRED,
  commentLabel = '审批意见',
  commentHint = '不同意或退回时必须填写；同意时可不填。',
  buttonLabels = {},
  confirmTexts = {},
  children,
  inputsKey,
}: ActionsProps<T>) {
  const buttonLabel = (action: WorkflowAction) => buttonLabels[action] ?? ACTION_LABELS[action].button;
  const confirmText = (action: WorkflowAction) => confirmTexts[action] ?? CONFIRM_TEXT[action];
  const { post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [comment, setComment] = React.useState('');
  const [commentError, setCommentError] = React.useState<string | null>(null);
  const [problems, setProblems] = React.useState<string[]>([]);
  React.useEffect(() => setProblems([]), [inputsKey]);
  const [running, setRunning] = React.useState<WorkflowAction | null>(null);
  const [confirming, setConfirming] = React.useState<WorkflowAction | null>(null);
  const actions = offeredActions(timeline.allowedActions);
  const decides = actions.some((action) => DECISION_ACTIONS.includes(action));

  /** The comment check comes first, so that nobody confirms an action that cannot be sent. */
  const commentMissing = (action: WorkflowAction) => {
    const missing = commentRequired.includes(action) && comment.trim() === '';
    setCommentError(missing ? `${buttonLabel(action)}时必须填写${commentLabel}。` : null);
    return missing;
  };

  /** The subject's part of the body, or null after showing why it cannot be sent. */
  const extra = (action: WorkflowAction): Record<string, unknown> | null => {
    const value = extraBody ? extraBody(action) : {};
    if (typeof value !== 'string') return value;
    setProblems([value]);
    return null;
  };

  const start = (action: WorkflowAction) => {
    if (commentMissing(action) || extra(action) === null) return;
    setProblems([]);
    if (CONFIRMED.includes(action)) setConfirming(action);
    else run(action);
  };

  const run = async (action: WorkflowAction) => {
    setConfirming(null);
    setProblems([]);
    const more = extra(action);
    if (commentMissing(action) || more === null) return;
    setRunning(action);
    try {
      const body = { comment: comment.trim() || null, ...(DECISION_ACTIONS.includes(action) && timeline.currentStep ? { step: timeline.currentStep } : {}), ...more };
      const { data } = await post<{ data: T }>(`${basePath}/${timeline.documentId}/${action}`, body);
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
        toggleNotification({ type: 'danger', title: `${buttonLabel(action)}未成功`, message: error.message });
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
        <Field.Root name="workflow-comment" error={commentError ?? undefined} hint={commentHint}>
          <Field.Label>{commentLabel}</Field.Label>
          <Textarea value={comment} maxLength={COMMENT_MAX_LENGTH} onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => setComment(event.target.value)} />
          <Field.Hint />
          <Field.Error />
        </Field.Root>
      ) : null}
      {children}
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
            {buttonLabel(action)}
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
      <ConfirmAction action={confirming} buttonLabel={buttonLabel} text={confirmText} onConfirm={run} onCancel={() => setConfirming(null)} />
    </Flex>
  );
}

