/**
 * 注册批量审核: a department picks a semester and a class, sees the class's registrations waiting
 * at the department step with their conditions, and in one batch decision approves every one whose
 * conditions are met, or returns the ones ticked with a comment. Each registration is decided on
 * its own by the server (POST /student-records/registration/decisions): a refusal is listed with
 * its reason and leaves the others decided.
 */
import * as React from 'react';
import { Box, Button, Checkbox, EmptyStateLayout, Field, Flex, Loader, SingleSelect, SingleSelectOption, Table, Tbody, Td, Textarea, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Layouts, Page, useFetchClient, useNotification } from '@strapi/strapi/admin';
import { Link } from 'react-router-dom';
import { serverError } from '../components/ApprovalTimeline';
import { editPath } from '../audit-view';
import { approveBatch, batchSummary, classOptionLabel, conditionsOk, REGISTRATION, REGISTRATION_BASE, returnBatch, semesterWords, type BatchAnswer, type ReviewClass, type ReviewRow } from '../registration-view';

interface Semester {
  code: string;
}

const ConditionList = ({ row }: { row: ReviewRow }) => (
  <Flex direction="column" alignItems="flex-start" gap={1}>
    {row.conditions.length === 0 ? (
      <Typography variant="pi" textColor="neutral600">
        未核对
      </Typography>
    ) : (
      row.conditions.map((condition) => (
        <Typography key={condition.code} variant="pi" textColor={condition.ok ? 'success600' : 'danger600'} style={{ whiteSpace: 'normal' }}>
          {`${condition.ok ? '✓' : '✗'} ${condition.label}${condition.ok ? '' : `：${condition.reason}`}`}
        </Typography>
      ))
    )}
  </Flex>
);

const RegistrationReview = () => {
  const { get, post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [semesters, setSemesters] = React.useState<Semester[] | null>(null);
  const [semester, setSemester] = React.useState<string | null>(null);
  const [classes, setClasses] = React.useState<ReviewClass[] | null>(null);
  const [schoolClass, setSchoolClass] = React.useState<string | null>(null);
  const [rows, setRows] = React.useState<ReviewRow[] | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const [chosen, setChosen] = React.useState<Set<string>>(new Set());
  const [comment, setComment] = React.useState('');
  const [commentError, setCommentError] = React.useState<string | null>(null);
  const [running, setRunning] = React.useState<'approve' | 'return' | null>(null);
  const [result, setResult] = React.useState<{ title: string; refusals: string[] } | null>(null);

  React.useEffect(() => {
    get<{ data: Semester[] }>(`${REGISTRATION_BASE}/semesters`).then(
      ({ data }) => {
        setSemesters(data.data);
        setSemester((current) => current ?? data.data[0]?.code ?? null);
      },
      (failure) => setError(serverError(failure).message),
    );
  }, [get]);

  const load = React.useCallback(async () => {
    if (!semester) return;
    try {
      const { data } = await get<{ data: { classes: ReviewClass[]; rows: ReviewRow[] } }>(`${REGISTRATION_BASE}/review`, { params: { semester, ...(schoolClass ? { class: schoolClass } : {}) } });
      setClasses(data.data.classes);
      setRows(schoolClass ? data.data.rows : null);
      setChosen(new Set());
      setError(null);
    } catch (failure) {
      setError(serverError(failure).message);
    }
  }, [get, semester, schoolClass]);

  React.useEffect(() => {
    load();
  }, [load]);

  const decide = async (action: 'approve' | 'return') => {
    if (!rows) return;
    setResult(null);
    const body = action === 'approve' ? approveBatch(rows, comment) : returnBatch(rows, chosen, comment);
    if (!body || body.items.length === 0) return;
    if (action === 'return' && comment.trim() === '') {
      setCommentError('退回时必须写明须补充的材料或原因。');
      return;
    }
    setCommentError(null);
    setRunning(action);
    try {
      const { data } = await post<BatchAnswer>(`${REGISTRATION_BASE}/decisions`, body);
      const summary = batchSummary(action, data, rows);
      setResult(summary);
      setComment('');
      toggleNotification({ type: data.meta.refused === 0 ? 'success' : 'warning', message: summary.title });
      await load();
    } catch (failure) {
      toggleNotification({ type: 'danger', title: action === 'approve' ? '批量通过未成功' : '退回未成功', message: serverError(failure).message });
    } finally {
      setRunning(null);
    }
  };

  const ready = rows ? rows.filter(conditionsOk).length : 0;
  const toggle = (documentId: string, on: boolean) =>
    setChosen((current) => {
      const next = new Set(current);
      if (on) next.add(documentId);
      else next.delete(documentId);
      return next;
    });

  return (
    <Page.Main>
      <Page.Title>注册批量审核</Page.Title>
      <Layouts.Header title="注册批量审核" subtitle="选择学期和班级，审核待系部初审的注册申请：条件均已满足的可一次通过，其余可勾选后退回" />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          <Flex gap={4} alignItems="flex-end" wrap="wrap">
            <Box minWidth="260px">
              <Field.Root name="semester">
                <Field.Label>学期</Field.Label>
                <SingleSelect
                  value={semester ?? ''}
                  placeholder="选择学期"
                  onChange={(value) => {
                    setSemester(String(value));
                    setSchoolClass(null);
                    setResult(null);
                  }}
                >
                  {(semesters ?? []).map((s) => (
                    <SingleSelectOption key={s.code} value={s.code}>
                      {semesterWords(s.code)}
                    </SingleSelectOption>
                  ))}
                </SingleSelect>
              </Field.Root>
            </Box>
            <Box minWidth="380px">
              <Field.Root name="schoolClass">
                <Field.Label>班级</Field.Label>
                <SingleSelect
                  value={schoolClass ?? ''}
                  placeholder={classes && classes.length === 0 ? '本学期没有可审核的班级' : '选择班级'}
                  disabled={!classes || classes.length === 0}
                  onChange={(value) => {
                    setSchoolClass(String(value));
                    setResult(null);
                  }}
                >
                  {(classes ?? []).map((c) => (
                    <SingleSelectOption key={c.documentId} value={c.documentId}>
                      {classOptionLabel(c)}
                    </SingleSelectOption>
                  ))}
                </SingleSelect>
              </Field.Root>
            </Box>
          </Flex>
          {result ? (
            <Box background={result.refusals.length === 0 ? 'success100' : 'warning100'} padding={4} hasRadius>
              <Typography fontWeight="bold">{result.title}</Typography>
              {result.refusals.map((refusal) => (
                <Typography key={refusal} tag="p" variant="pi" textColor="danger600">
                  {refusal}
                </Typography>
              ))}
            </Box>
          ) : null}
          {error ? (
            <EmptyStateLayout content={error} />
          ) : semesters === null ? (
            <Loader>正在加载</Loader>
          ) : semesters.length === 0 ? (
            <EmptyStateLayout content="尚未开放任何学期的注册。" />
          ) : !schoolClass ? (
            <EmptyStateLayout content="请选择班级。" />
          ) : rows === null ? (
            <Loader>正在加载本班的注册申请</Loader>
          ) : rows.length === 0 ? (
            <EmptyStateLayout content="本班没有待系部初审的注册申请。" />
          ) : (
            <Flex direction="column" alignItems="stretch" gap={4}>
              <Table colCount={6} rowCount={rows.length + 1}>
                <Thead>
                  <Tr>
                    <Th>
                      <Checkbox
                        aria-label="全选"
                        checked={chosen.size === rows.length ? true : chosen.size === 0 ? false : 'indeterminate'}
                        onCheckedChange={(on: boolean | 'indeterminate') => setChosen(on === true ? new Set(rows.map((r) => r.documentId)) : new Set())}
                      />
                    </Th>
                    <Th>
                      <Typography variant="sigma">学号</Typography>
                    </Th>
                    <Th>
                      <Typography variant="sigma">姓名</Typography>
                    </Th>
                    <Th>
                      <Typography variant="sigma">注册条件</Typography>
                    </Th>
                    <Th>
                      <Typography variant="sigma">初审期限</Typography>
                    </Th>
                    <Th>
                      <Typography variant="sigma">详情</Typography>
                    </Th>
                  </Tr>
                </Thead>
                <Tbody>
                  {rows.map((row) => (
                    <Tr key={row.documentId}>
                      <Td>
                        <Checkbox aria-label={`选择${row.name}`} checked={chosen.has(row.documentId)} onCheckedChange={(on: boolean | 'indeterminate') => toggle(row.documentId, on === true)} />
                      </Td>
                      <Td>
                        <Typography textColor="neutral800">{row.studentNumber}</Typography>
                      </Td>
                      <Td>
                        <Typography textColor="neutral800">{row.name}</Typography>
                      </Td>
                      <Td>
                        <ConditionList row={row} />
                      </Td>
                      <Td>
                        <Typography textColor="neutral800">{row.due ?? '—'}</Typography>
                      </Td>
                      <Td>
                        <Link to={editPath(REGISTRATION, row.documentId)}>
                          <Typography textColor="primary600">查看</Typography>
                        </Link>
                      </Td>
                    </Tr>
                  ))}
                </Tbody>
              </Table>
              <Field.Root name="batch-comment" error={commentError ?? undefined} hint="退回时必须填写，写明须补充的材料或原因；批量通过时可不填。">
                <Field.Label>审核意见</Field.Label>
                <Textarea value={comment} maxLength={2000} onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => setComment(event.target.value)} />
                <Field.Hint />
                <Field.Error />
              </Field.Root>
              <Flex gap={2} wrap="wrap">
                <Button variant="success" loading={running === 'approve'} disabled={running !== null || ready === 0} onClick={() => decide('approve')}>
                  {`通过条件已满足的 ${ready} 人`}
                </Button>
                <Button variant="danger-light" loading={running === 'return'} disabled={running !== null || chosen.size === 0} onClick={() => decide('return')}>
                  {`退回所选 ${chosen.size} 人`}
                </Button>
              </Flex>
              <Typography variant="pi" textColor="neutral600">
                {`本班待初审 ${rows.length} 人，其中条件均已满足 ${ready} 人。条件未满足的不能通过，可勾选后退回。每份申请单独办理，个别未成功不影响其他人。`}
              </Typography>
            </Flex>
          )}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

export default RegistrationReview;
