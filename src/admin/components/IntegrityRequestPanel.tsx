/**
 * "审批办理" in the edit view of an integrity appeal (申诉) or amendment (修定): the record the
 * request names and the student's reason, the chain and its decisions, and the actions the server
 * says the user may take now (the engine's parts, ApprovalTimeline.tsx). An appeal's last approval
 * names its result: 修改记录 (with the record's new title and description) or 撤销记录; its
 * rejection is 驳回申诉; each needs a reason. Served by the admin routes
 * `/student-records/approvals/:subject/:documentId/...` (src/services/integrity/admin-routes.ts).
 */
import * as React from 'react';
import { Badge, Divider, Field, Flex, Loader, Radio, Textarea, TextInput, Typography } from '@strapi/design-system';
import { adminApi, useFetchClient } from '@strapi/strapi/admin';
import { useDispatch } from 'react-redux';
import type { PanelComponent } from '@strapi/content-manager/strapi-admin';
import { Link } from 'react-router-dom';
import { useRefreshDocument } from '../content-manager-hooks';
import { editPath } from '../audit-view';
import { formatDateTime, stateLabel, type ApprovalTimelineView } from '../approval-view';
import { APPEAL_STATE_LABELS } from '../../domain/integrity-field-labels';
import { ApprovalActions, ChainSteps, DecisionRecords, Heading, serverError } from './ApprovalTimeline';
import { APPEAL_ACTIONS, APPEAL_DECISION_WORDS, APPEAL_RESULTS, appealOutcome, APPROVALS_BASE, decidesResult, INTEGRITY_RECORD, REQUEST_SUBJECTS, type AppealResult } from '../integrity-view';
import { Fact } from './StatusChangeTimeline';

interface RequestRecord {
  documentId: string;
  title: string;
  description: string | null;
  occurredOn: string;
  indicatorLabel: string;
  kindLabel: string;
  stateLabel: string;
  levelLabel: string;
  sourceOfficeLabel: string;
  version: number;
}

interface RequestTimeline extends ApprovalTimelineView {
  student?: string | null;
  department?: string | null;
  reason: string | null;
  reformEvidence: string | null;
  submittedAt: string | null;
  decidedAt: string | null;
  record: RequestRecord | null;
}

type Variant = 'success' | 'primary' | 'danger' | 'warning' | 'neutral';
const STATE_VARIANTS: Record<string, Variant> = { draft: 'neutral', submitted: 'primary', returned: 'warning', approved: 'success', rejected: 'danger', withdrawn: 'neutral' };


/** The record the request is about, as it stands now. */
const RecordFacts = ({ record }: { record: RequestRecord | null }) => {
  if (!record) return null;
  return (
    <Flex direction="column" alignItems="stretch" gap={1}>
      <Heading>所涉诚信记录</Heading>
      <Link to={editPath(INTEGRITY_RECORD, record.documentId)}>
        <Typography variant="omega" fontWeight="semiBold" textColor="primary600" style={{ overflowWrap: 'anywhere' }}>
          {record.title}
        </Typography>
      </Link>
      <Fact name="指标类别" value={`${record.indicatorLabel} · ${record.kindLabel}`} />
      <Fact name="记录状态" value={`${record.stateLabel}（第 ${record.version} 版）`} />
      <Fact name="层级来源" value={`${record.levelLabel} · ${record.sourceOfficeLabel}`} />
      <Fact name="发生日期" value={record.occurredOn} />
      {record.description ? <Fact name="情况说明" value={record.description} /> : null}
    </Flex>
  );
};

/** 修改 or 撤销, and for 修改 the record's new title and description. */
const AppealResultInputs = ({ result, onResult, edited, onEdit }: { result: AppealResult | null; onResult: (result: AppealResult) => void; edited: { title: string; description: string }; onEdit: (edited: { title: string; description: string }) => void }) => (
  <Flex direction="column" alignItems="stretch" gap={2}>
    <Typography variant="pi" fontWeight="bold" textColor="neutral800">
      同意申诉时的处理结果
    </Typography>
    <Radio.Group value={result ?? ''} onValueChange={(value) => onResult(value as AppealResult)} aria-label="处理结果">
      {APPEAL_RESULTS.map((option) => (
        <Radio.Item key={option.value} value={option.value}>
          {`${option.label}（${option.hint}）`}
        </Radio.Item>
      ))}
    </Radio.Group>
    {result === 'modify' ? (
      <>
        <Field.Root name="appeal-title" hint="更正后的记录事项，不超过 100 字">
          <Field.Label>事项</Field.Label>
          <TextInput value={edited.title} maxLength={100} onChange={(event: React.ChangeEvent<HTMLInputElement>) => onEdit({ ...edited, title: event.target.value })} />
          <Field.Hint />
        </Field.Root>
        <Field.Root name="appeal-description">
          <Field.Label>情况说明</Field.Label>
          <Textarea value={edited.description} maxLength={4000} onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => onEdit({ ...edited, description: event.target.value })} />
        </Field.Root>
      </>
    ) : null}
  </Flex>
);

const RequestWorkflow = ({ documentId, model }: { documentId: string; model: string }) => {
  const subject = REQUEST_SUBJECTS[model];
  const basePath = `${APPROVALS_BASE}/${subject}`;
  const { get } = useFetchClient();
  const [timeline, setTimeline] = React.useState<RequestTimeline | null>(null);
  const [loadError, setLoadError] = React.useState<string | null>(null);
  const [result, setResult] = React.useState<AppealResult | null>(null);
  const [edited, setEdited] = React.useState({ title: '', description: '' });
  const refreshDocument = useRefreshDocument(model, documentId);
  const dispatch = useDispatch();
  // The form's relation to the record shows its title: a 修改 changes it.
  const refetch = React.useCallback(() => {
    refreshDocument();
    dispatch(adminApi.util.invalidateTags(['Relations'] as never) as never);
  }, [refreshDocument, dispatch]);

  const show = React.useCallback((next: RequestTimeline) => {
    setTimeline(next);
    setEdited({ title: next.record?.title ?? '', description: next.record?.description ?? '' });
  }, []);

  const load = React.useCallback(async () => {
    try {
      const { data } = await get<{ data: RequestTimeline }>(`${basePath}/${documentId}/timeline`);
      show(data.data);
      setLoadError(null);
    } catch (failure) {
      setLoadError(serverError(failure).message);
    }
  }, [get, basePath, documentId, show]);

  React.useEffect(() => {
    load();
  }, [load]);

  if (loadError) return <Typography variant="pi" textColor="danger600">{`无法加载审批信息：${loadError}`}</Typography>;
  if (!timeline) return <Loader small>正在加载审批信息</Loader>;
  const appeal = subject === 'integrity-appeal';
  const withResult = appeal && decidesResult(timeline);
  const extraBody = (action: string) => (withResult && action === 'approve' ? appealOutcome(result, edited, timeline.record) : {});
  const onDone = (next: RequestTimeline) => {
    show(next);
    setResult(null);
    refetch();
  };
  return (
    <Flex direction="column" alignItems="stretch" gap={4} width="100%">
      <Flex direction="column" alignItems="stretch" gap={2}>
        <Flex gap={2} wrap="wrap">
          <Badge variant={STATE_VARIANTS[timeline.state] ?? 'neutral'}>{(appeal ? APPEAL_STATE_LABELS[timeline.state] : null) ?? stateLabel(timeline.state)}</Badge>
        </Flex>
        {timeline.student ? <Fact name="学生" value={timeline.student} /> : null}
        {timeline.department ? <Fact name="系部" value={timeline.department} /> : null}
        {timeline.reason ? <Fact name={appeal ? '申诉理由' : '申请理由'} value={timeline.reason} /> : null}
        {timeline.reformEvidence ? <Fact name="改正情况" value={timeline.reformEvidence} /> : null}
        {timeline.submittedAt ? <Fact name="提交时间" value={formatDateTime(timeline.submittedAt)} /> : null}
        {timeline.decidedAt ? <Fact name="办结时间" value={formatDateTime(timeline.decidedAt)} /> : null}
      </Flex>
      <RecordFacts record={timeline.record} />
      <ApprovalActions
        timeline={timeline}
        basePath={basePath}
        onDone={onDone}
        onStale={() => {
          load();
          refetch();
        }}
        extraBody={extraBody}
        inputsKey={`${result ?? ''}|${edited.title}|${edited.description}`}
        {...(appeal ? APPEAL_ACTIONS : {})}
      >
        {withResult ? <AppealResultInputs result={result} onResult={setResult} edited={edited} onEdit={setEdited} /> : null}
      </ApprovalActions>
      <Divider />
      <ChainSteps timeline={timeline} departmentName={timeline.department} emptyNote="学生提交后按记录的层级确定处理流程。" words={appeal ? APPEAL_DECISION_WORDS : {}} />
      <Divider />
      <DecisionRecords timeline={timeline} words={appeal ? APPEAL_DECISION_WORDS : {}} />
    </Flex>
  );
};

/** Shown on saved appeals and amendments. */
export const IntegrityRequestPanel: PanelComponent = ({ model, documentId }) => {
  if (!REQUEST_SUBJECTS[model] || !documentId) return null;
  return { title: '审批办理', content: <RequestWorkflow documentId={documentId} model={model} /> };
};
