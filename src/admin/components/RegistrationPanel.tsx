/**
 * "审批办理" in the edit view of a registration (学籍注册) or a deferral application (延期注册申请):
 * where it stands, the facts the decider needs (a registration's conditions with their reasons;
 * the proofs, read-only with download: the student uploads through /api/me), the actions the
 * server says the user may take now, the chain and its decisions (the engine's parts,
 * ApprovalTimeline.tsx). Served by `/student-records/registration/approvals/:subject/...`
 * (src/services/registration/admin-routes.ts).
 */
import * as React from 'react';
import { Badge, Box, Divider, Flex, Loader, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import type { PanelComponent } from '@strapi/content-manager/strapi-admin';
import { useDocumentTitle, useRefreshDocument } from '../content-manager-hooks';
import { formatDateTime, stateLabel, type WorkflowAction } from '../approval-view';
import { approvalsBase, conditionsVerdict, deferralFacts, registrationTitle, registrationActions, registrationDoneMessage, registrationFacts, REGISTRATION_PANEL_SUBJECTS, type ConditionView, type RegistrationTimeline } from '../registration-view';
import { ApprovalActions, ChainSteps, DecisionRecords, Heading, serverError } from './ApprovalTimeline';
import { Fact } from './StatusChangeTimeline';
import { PrivateDocuments } from './PrivateDocuments';

type Variant = 'success' | 'primary' | 'danger' | 'warning' | 'neutral';
const REGISTRATION_VARIANTS: Record<string, Variant> = { expected: 'neutral', submitted: 'primary', 'department-reviewed': 'primary', approved: 'primary', registered: 'success', returned: 'warning', deferred: 'warning', missed: 'danger' };
const REQUEST_VARIANTS: Record<string, Variant> = { draft: 'neutral', submitted: 'primary', returned: 'warning', approved: 'success', rejected: 'danger', withdrawn: 'neutral' };

/** Each condition with ✓ or ✗ and the reason the server gave. */
export const Conditions = ({ conditions, verdict }: { conditions: ConditionView[]; verdict: { ok: boolean; text: string } }) => (
  <Flex direction="column" alignItems="stretch" gap={2}>
    <Heading>注册条件</Heading>
    {conditions.length === 0 ? (
      <Typography variant="pi" textColor="neutral600">
        学生提交后核对缴费、不良记录与健康检查。
      </Typography>
    ) : (
      <>
        {conditions.map((condition) => (
          <Flex key={condition.code} gap={2} alignItems="flex-start">
            <Typography variant="pi" fontWeight="bold" textColor={condition.ok ? 'success600' : 'danger600'} aria-label={condition.ok ? '已满足' : '未满足'}>
              {condition.ok ? '✓' : '✗'}
            </Typography>
            <Flex direction="column" alignItems="flex-start" gap={0}>
              <Typography variant="pi" fontWeight="semiBold" textColor="neutral800">
                {condition.label}
              </Typography>
              <Typography variant="pi" textColor="neutral600" style={{ overflowWrap: 'anywhere' }}>
                {condition.reason}
              </Typography>
            </Flex>
          </Flex>
        ))}
        <Typography variant="pi" textColor={verdict.ok ? 'success600' : 'danger600'}>
          {verdict.text}
        </Typography>
      </>
    )}
  </Flex>
);

const RegistrationWorkflow = ({ documentId, model }: { documentId: string; model: string }) => {
  const subject = REGISTRATION_PANEL_SUBJECTS[model];
  const basePath = approvalsBase(subject);
  const { get } = useFetchClient();
  const [timeline, setTimeline] = React.useState<RegistrationTimeline | null>(null);
  const [loadError, setLoadError] = React.useState<string | null>(null);
  const refetch = useRefreshDocument(model, documentId);
  // The heading names the student and the semester (a registration has no name of its own).
  useDocumentTitle(model, 'collection-types', documentId, timeline ? registrationTitle(timeline) : '学籍注册');

  const load = React.useCallback(async () => {
    try {
      const { data } = await get<{ data: RegistrationTimeline }>(`${basePath}/${documentId}/timeline`);
      setTimeline(data.data);
      setLoadError(null);
    } catch (failure) {
      setLoadError(serverError(failure).message);
    }
  }, [get, basePath, documentId]);

  React.useEffect(() => {
    load();
  }, [load]);

  if (loadError) return <Typography variant="pi" textColor="danger600">{`无法加载审批信息：${loadError}`}</Typography>;
  if (!timeline) return <Loader small>正在加载审批信息</Loader>;
  const registration = subject === 'registration';
  const shown = { ...timeline, allowedActions: registrationActions(subject, timeline.allowedActions) };
  const facts = registration ? registrationFacts(timeline) : deferralFacts(timeline);
  const badge = registration
    ? { text: timeline.registrationStateLabel ?? stateLabel(timeline.state), variant: REGISTRATION_VARIANTS[timeline.registrationState ?? ''] ?? 'neutral' }
    : { text: stateLabel(timeline.state), variant: REQUEST_VARIANTS[timeline.state] ?? 'neutral' };
  const decidedUnit = timeline.currentStep ? (timeline.steps[timeline.currentStep - 1]?.unit ?? null) : null;
  const onDone = (next: RegistrationTimeline) => {
    setTimeline(next);
    refetch();
  };
  return (
    <Flex direction="column" alignItems="stretch" gap={4} width="100%">
      <Flex direction="column" alignItems="stretch" gap={2}>
        <Flex gap={2} wrap="wrap">
          <Badge variant={badge.variant}>{badge.text}</Badge>
        </Flex>
        {facts.map(([name, value]) => (
          <Fact key={name} name={name} value={value} />
        ))}
        {timeline.submittedAt ? <Fact name="提交时间" value={formatDateTime(timeline.submittedAt)} /> : null}
        {timeline.registeredAt ? <Fact name="注册完成" value={formatDateTime(timeline.registeredAt)} /> : null}
        {timeline.decidedAt ? <Fact name="办结时间" value={formatDateTime(timeline.decidedAt)} /> : null}
      </Flex>
      {registration ? <Conditions conditions={timeline.conditions ?? []} verdict={conditionsVerdict(shown)} /> : null}
      <ApprovalActions<RegistrationTimeline>
        timeline={shown}
        basePath={basePath}
        onDone={onDone}
        onStale={() => {
          load();
          refetch();
        }}
        doneMessage={(action: WorkflowAction, state: string) => registrationDoneMessage(subject, action, state, decidedUnit)}
        commentHint={registration ? '退回时必须写明须补充的材料或原因；同意时可不填。' : '不同意或退回时必须填写；同意时可不填。'}
      />
      <Divider />
      {timeline.documents.map((group) => (
        <PrivateDocuments<RegistrationTimeline>
          key={group.kind}
          base={`${basePath}/${timeline.documentId}/documents`}
          title={group.label}
          files={group.files}
          canAttach={false}
          uploadLabel=""
          onUploaded={setTimeline}
        />
      ))}
      <Typography variant="pi" textColor="neutral600">
        材料由学生本人上传，此处只能查看和下载。
      </Typography>
      <Divider />
      <ChainSteps timeline={shown} departmentName={timeline.department?.name} emptyNote={registration ? '学生提交后进入系部初审、教务处审核和学生确认。' : '学生提交后由教务处审批。'} />
      <Divider />
      <Box>
        <DecisionRecords timeline={timeline} />
      </Box>
    </Flex>
  );
};

/** Shown on saved registrations and deferral applications. */
export const RegistrationPanel: PanelComponent = ({ model, documentId }) => {
  if (!REGISTRATION_PANEL_SUBJECTS[model] || !documentId) return null;
  return { title: '审批办理', content: <RegistrationWorkflow documentId={documentId} model={model} /> };
};
