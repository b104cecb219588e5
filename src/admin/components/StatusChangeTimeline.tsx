/**
 * The status-change panel's own read-only parts: where the request stands and what the approval
 * did to the student. The chain and the decisions are the engine's (ApprovalTimeline.tsx).
 */
import { Badge, Box, Flex, Typography } from '@strapi/design-system';
import { describeChange, formatDateTime, label, stateLabel, type Timeline } from '../status-change-view';
import { semesterLabel } from '../../domain/status-change-report';
import { Breakable, Heading } from './ApprovalTimeline';

type Variant = 'success' | 'primary' | 'danger' | 'warning' | 'neutral' | 'secondary' | 'alternative';

const STATE_VARIANTS: Record<string, Variant> = {
  draft: 'neutral',
  submitted: 'primary',
  returned: 'warning',
  approved: 'success',
  rejected: 'danger',
  withdrawn: 'neutral',
};
const TIER_VARIANTS: Record<string, Variant> = { general: 'secondary', important: 'warning', special: 'danger' };

export interface RequestFacts {
  semester?: string | null;
  submittedAt?: string | null;
  decidedAt?: string | null;
  appliedBy?: string | null;
}

/** One fact of a request beside its name (学生, 系部, 提交时间...), in the 审批办理 panels. */
export const Fact = ({ name, value }: { name: string; value: string }) => (
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

/** What the person may do with the form in each state: outside drafts and returned requests the fields are read-only, as the server refuses their save. */
const FORM_NOTES: Record<string, string> = {
  draft: '草稿：填写完整并保存后，点击“提交”送审。',
  submitted: '申请正在审批，表单已设为只读，不能修改，也不能再上传材料；如需修改，请审批人退回后再改。',
  returned: '申请已退回：请按审批意见修改并保存，再点击“重新提交”。',
  approved: '申请已办结，表单为只读，内容不能再修改。',
  rejected: '申请已办结，表单为只读，内容不能再修改。',
  withdrawn: '申请已撤回，表单为只读，内容不能再修改。',
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
