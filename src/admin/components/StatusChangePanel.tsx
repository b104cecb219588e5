/**
 * "审批办理" in the status-change edit view: where the request stands (from the admin timeline
 * route) and, for the actions the server says the user may take now, the buttons with a comment.
 * The server decides who may act; this panel only offers what it was told is allowed.
 */
import * as React from 'react';
import { Box, Button, Divider, Flex, Loader, TextButton, Typography } from '@strapi/design-system';
import { useFetchClient, useForm, useNotification } from '@strapi/strapi/admin';
import type { PanelComponent } from '@strapi/content-manager/strapi-admin';
import { useFormLock, useRefreshDocument } from '../content-manager-hooks';
import { formLocked } from '../content-manager-rules';
import { doneMessage, type Timeline } from '../status-change-view';
import { ApprovalActions, ChainSteps, DecisionRecords, serverError } from './ApprovalTimeline';
import { RequestSummary, StatusHistoryEntries, type RequestFacts } from './StatusChangeTimeline';
import { applicantLabels } from '../label-batches';

import { PrintButton } from './PrintButton';
import { PrivateDocuments } from './PrivateDocuments';

const STATUS_CHANGE = 'api::status-change.status-change';
const BASE = '/student-records/status-changes';

interface WorkflowProps {
  documentId: string;
  model: string;
  /** The request's state as the edit view holds it. */
  state: unknown;
  facts: RequestFacts;
}

const StatusChangeWorkflow = ({ documentId, model, state, facts }: WorkflowProps) => {
  const { get } = useFetchClient();
  const [timeline, setTimeline] = React.useState<Timeline | null>(null);
  const [loadError, setLoadError] = React.useState<string | null>(null);
  // After an action: the form, the save button and the 信息 box show the request as it is now.
  const refetch = useRefreshDocument(model, documentId);
  // Under approval or closed, the fields are read-only, as the server's rule has it (the panel's note says why).
  useFormLock(model, documentId, formLocked(model, { state: timeline?.state ?? state }));
  const unsaved = useForm('StatusChangeWorkflow', (state) => state.modified, false) ?? false;
  // The filer by name and unit, not by the login the request keeps.
  const applicant = applicantLabels.use(documentId);
  const shownFacts = { ...facts, appliedBy: facts.appliedBy ? (applicant ?? (applicant === null ? facts.appliedBy : '…')) : null };

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
      <RequestSummary timeline={timeline} facts={shownFacts} />
      {/* The decision first: at 900 px the buttons are on screen without scrolling past the chain. */}
      <ApprovalActions timeline={timeline} basePath={BASE} unsaved={unsaved} onDone={onDone} onStale={onStale} doneMessage={doneMessage} />
      <PrintButton url={`${BASE}/${timeline.documentId}/form.pdf`} filename={`学籍异动申请表-${timeline.student?.studentNumber ?? timeline.documentId}.pdf`} label="打印申请表（PDF）" />
      <Divider />
      <ChainSteps timeline={timeline} departmentName={timeline.department?.name} emptyNote="提交后按异动层级确定审批流程。" />
      <PrivateDocuments<Timeline>
        base={`${BASE}/${timeline.documentId}/documents`}
        title="申请材料"
        files={timeline.documents}
        canAttach={timeline.canAttachDocuments}
        uploadLabel="上传材料"
        onUploaded={onDone}
      />
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
export const StatusChangePanel: PanelComponent = ({ model, documentId, document }) => {
  if (model !== STATUS_CHANGE || !documentId) return null;
  const facts: RequestFacts = {
    semester: (document?.semester as string | null | undefined) ?? null,
    submittedAt: (document?.submittedAt as string | null | undefined) ?? null,
    decidedAt: (document?.decidedAt as string | null | undefined) ?? null,
    appliedBy: (document?.appliedBy as string | null | undefined) ?? null,
  };
  return {
    title: '审批办理',
    content: <StatusChangeWorkflow documentId={documentId} model={model} state={document?.state} facts={facts} />,
  };
};
