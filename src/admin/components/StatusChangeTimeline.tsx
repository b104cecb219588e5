/**
 * The read-only part of the status-change panel: where the request stands, its chain step by
 * step, every decision by round, and what the approval did to the student.
 */
import { Badge, Box, Flex, Typography } from '@strapi/design-system';
import {
  decisionsByRound,
  describeChange,
  formatDateTime,
  label,
  stateLabel,
  stepViews,
  type StepStatus,
  type Timeline,
  type TimelineDecision,
} from '../status-change-view';
import { semesterLabel } from '../status-change-report';

type Variant = 'success' | 'primary' | 'danger' | 'warning' | 'neutral' | 'secondary' | 'alternative';

const STATE_VARIANTS: Record<string, Variant> = {
  draft: 'neutral',
  submitted: 'primary',
  returned: 'warning',
  approved: 'success',
  rejected: 'danger',
  withdrawn: 'neutral',
};
const DECISION_VARIANTS: Record<string, Variant> = { approve: 'success', reject: 'danger', return: 'warning' };
const TIER_VARIANTS: Record<string, Variant> = { general: 'secondary', important: 'warning', special: 'danger' };

const STEP_LOOK: Record<StepStatus, { text: string; color: string; dot: string }> = {
  done: { text: '已同意', color: 'success600', dot: 'success500' },
  current: { text: '办理中', color: 'primary600', dot: 'primary600' },
  returned: { text: '已退回', color: 'warning600', dot: 'warning500' },
  rejected: { text: '不同意', color: 'danger600', dot: 'danger600' },
  waiting: { text: '待办理', color: 'neutral600', dot: 'neutral300' },
  'not-reached': { text: '未办理', color: 'neutral500', dot: 'neutral200' },
};

export interface RequestFacts {
  semester?: string | null;
  submittedAt?: string | null;
  decidedAt?: string | null;
  appliedBy?: string | null;
}

const Heading = ({ children }: { children: string }) => (
  <Typography variant="sigma" textColor="neutral600" tag="h3">
    {children}
  </Typography>
);

/** An email in the narrow panel wraps before its `@` rather than anywhere. */
const Breakable = ({ text }: { text: string }) => {
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

const Fact = ({ name, value }: { name: string; value: string }) => (
  <Flex gap={2} alignItems="baseline">
    <Box minWidth="5em" shrink={0}>
      <Typography variant="pi" textColor="neutral600">
        {name}
      </Typography>
    </Box>
    <Typography variant="pi" textColor="neutral800" style={{ overflowWrap: 'anywhere' }}>
      <Breakable text={value} />
    </Typography>
  </Flex>
);

/** What the person may do with the form in each state (the server refuses edits outside drafts and returned requests). */
const FORM_NOTES: Record<string, string> = {
  draft: '草稿：填写完整并保存后，点击“提交”送审。',
  submitted: '申请正在审批，表单内容不能修改。',
  returned: '申请已退回：请按审批意见修改并保存，再点击“重新提交”。',
  approved: '申请已办结，内容不能再修改。',
  rejected: '申请已办结，内容不能再修改。',
  withdrawn: '申请已撤回，内容不能再修改。',
};

export const RequestSummary = ({ timeline, facts }: { timeline: Timeline; facts: RequestFacts }) => (
  <Flex direction="column" alignItems="stretch" gap={2}>
    <Flex gap={2} wrap="wrap">
      <Badge variant={STATE_VARIANTS[timeline.state] ?? 'neutral'}>{stateLabel(timeline.state)}</Badge>
      {timeline.tier ? <Badge variant={TIER_VARIANTS[timeline.tier] ?? 'neutral'}>{`${label(timeline.tier)}异动`}</Badge> : null}
    </Flex>
    {FORM_NOTES[timeline.state] ? (
      <Typography variant="pi" textColor="neutral600">
        {FORM_NOTES[timeline.state]}
      </Typography>
    ) : null}
    {timeline.tierReasons ? (
      <Typography variant="pi" textColor="warning700">
        {`升级原因：${timeline.tierReasons}`}
      </Typography>
    ) : null}
    <Fact name="异动类别" value={label(timeline.type)} />
    <Fact name="学生" value={timeline.student ? `${timeline.student.name}（${timeline.student.studentNumber ?? '未编学号'}）` : '批准后建立'} />
    {timeline.student ? <Fact name="学籍状态" value={label(timeline.student.status)} /> : null}
    <Fact name="系部" value={timeline.department?.name ?? '—'} />
    {facts.semester ? <Fact name="学期" value={semesterLabel(facts.semester)} /> : null}
    {facts.appliedBy ? <Fact name="申请人" value={facts.appliedBy === 'system' ? '系统' : facts.appliedBy} /> : null}
    {facts.submittedAt ? <Fact name="提交时间" value={formatDateTime(facts.submittedAt)} /> : null}
    {facts.decidedAt ? <Fact name="办结时间" value={formatDateTime(facts.decidedAt)} /> : null}
    {timeline.round > 1 ? <Fact name="轮次" value={`第 ${timeline.round} 轮（退回后重新提交）`} /> : null}
  </Flex>
);

const Dot = ({ color }: { color: string }) => <Box background={color} width="10px" height="10px" hasRadius shrink={0} marginTop="5px" style={{ borderRadius: '50%' }} />;

export const ChainSteps = ({ timeline }: { timeline: Timeline }) => {
  if (timeline.steps.length === 0) {
    return (
      <Flex direction="column" alignItems="stretch" gap={2}>
        <Heading>审批流程</Heading>
        <Typography variant="pi" textColor="neutral600">
          提交后按异动层级确定审批流程。
        </Typography>
      </Flex>
    );
  }
  return (
    <Flex direction="column" alignItems="stretch" gap={3}>
      <Heading>{timeline.round > 1 ? `审批流程（第 ${timeline.round} 轮）` : '审批流程'}</Heading>
      <Flex tag="ol" direction="column" alignItems="stretch" gap={3}>
        {stepViews(timeline).map((step) => {
          const look = STEP_LOOK[step.status];
          const unit = step.unit === 'department' ? (timeline.department?.name ?? label(step.unit)) : label(step.unit);
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

const DecisionEntry = ({ decision }: { decision: TimelineDecision }) => (
  <Box tag="li" padding={3} background="neutral100" hasRadius>
    <Flex direction="column" alignItems="stretch" gap={1}>
      <Flex justifyContent="space-between" gap={2} alignItems="flex-start">
        <Typography variant="omega" fontWeight="semiBold" textColor="neutral800">
          {`第 ${decision.step} 步 ${decision.stepLabel ?? ''}`.trim()}
        </Typography>
        <Badge variant={DECISION_VARIANTS[decision.decision] ?? 'neutral'}>{label(decision.decision)}</Badge>
      </Flex>
      <Typography variant="pi" textColor="neutral700">
        {`${decision.unitName ?? label(decision.unit)} · ${decision.deciderName ?? decision.decidedBy}`}
      </Typography>
      {decision.deciderName ? (
        <Typography variant="pi" textColor="neutral500" style={{ overflowWrap: 'anywhere' }}>
          <Breakable text={decision.decidedBy} />
        </Typography>
      ) : null}
      <Typography variant="pi" textColor="neutral600">
        {formatDateTime(decision.decidedAt)}
      </Typography>
      <Typography variant="pi" textColor={decision.comment ? 'neutral800' : 'neutral500'}>
        {decision.comment ? `意见：${decision.comment}` : '（未填写意见）'}
      </Typography>
    </Flex>
  </Box>
);

export const DecisionRecords = ({ timeline }: { timeline: Timeline }) => {
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
                <DecisionEntry key={`${decision.round}-${decision.step}`} decision={decision} />
              ))}
            </Flex>
          </Flex>
        ))
      )}
    </Flex>
  );
};

export const StatusHistoryEntries = ({ timeline }: { timeline: Timeline }) => {
  if (timeline.history.length === 0) return null;
  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      <Heading>学籍变动</Heading>
      {timeline.history.map((entry) => (
        <Flex key={entry.occurredAt} direction="column" alignItems="stretch" gap={1}>
          <Typography variant="pi" textColor="neutral600">
            {formatDateTime(entry.occurredAt)}
          </Typography>
          {describeChange(entry.before, entry.after).map((line) => (
            <Typography key={line} variant="pi" textColor="neutral800">
              {line}
            </Typography>
          ))}
        </Flex>
      ))}
    </Flex>
  );
};
