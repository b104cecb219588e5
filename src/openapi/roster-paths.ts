/**
 * The class roster check's routes in the OpenAPI document (seed 004 第二条, issue 17): producing a
 * class's roster, its sheet and PDF, the head teacher's and the registry's checks, resolving a
 * reported error, and the student's own line under /me. The core reads (GET /class-rosters,
 * /roster-lines) are the plugin's.
 */
import { LINE_STATES, ROSTER_FIELDS, ROSTER_FIELD_LABELS, ROSTER_STATES } from '../domain/class-roster';
import { DOCUMENT_ID, TAGS, XLSX, operation } from './operation';
import { ref } from './schemas';

const string = (description?: string) => ({ type: 'string', ...(description ? { description } : {}) });
const nullable = (schema: Record<string, unknown>) => ({ ...schema, nullable: true });
const object = (properties: Record<string, unknown>, required: string[] = [], description?: string) => ({
  type: 'object',
  ...(description ? { description } : {}),
  ...(required.length > 0 ? { required } : {}),
  properties,
});
const text = (max: number, description: string) => ({ type: 'string', maxLength: max, description });
const LINE_DOCUMENT_ID = { type: 'string', description: '名册行的 documentId；省略时为本人在尚未盖章的最新名册中的一行' };

const MY_LINE = nullable(object({
  documentId: string(), position: { type: 'integer' }, studentName: string(), studentNumber: nullable(string()), gender: nullable(string()),
  birthDate: nullable(string()), nationalIdMasked: nullable(string('身份证号（掩码，如 430***************）')), majorName: nullable(string()), className: nullable(string()),
  enrolledOn: nullable(string()), state: { type: 'string', enum: [...LINE_STATES] }, confirmedAt: nullable(string()),
  errorField: nullable({ type: 'string', enum: [...ROSTER_FIELDS] }), errorMessage: nullable(string()), reportedAt: nullable(string()), resolvedAt: nullable(string()), resolution: nullable(string()),
  roster: object({ documentId: string(), className: nullable(string()), schoolYear: string(), state: { type: 'string', enum: [...ROSTER_STATES] } }, ['documentId', 'schoolYear', 'state']),
}, ['documentId', 'state', 'roster'], '本人在最新名册中的一行；没有名册时为 null'));

/** The request and answer shapes of the roster's routes, merged into the document's components. */
export function rosterSchemas() {
  return {
    ClassRosterEnvelope: object({ data: ref('ClassRoster') }, ['data'], '操作后的名册（含 schoolClass）'),
    RosterLineEnvelope: object({ data: ref('RosterLine') }, ['data'], '处理后的名册行'),
    ClassRosterProduceRequest: object({
      schoolClass: string('班级的 documentId'),
      schoolYear: { type: 'string', pattern: '^\\d{4}-\\d{4}$', description: '学年，如 2035-2036；省略为学校日期所在学年' },
    }, ['schoolClass']),
    ClassRosterHeadTeacherCheckRequest: object({ note: nullable(text(500, '初审意见')) }, [], '可为空对象'),
    ClassRosterRegistryCheckRequest: object({ stampUnit: text(60, '盖章单位，如 教务处学籍管理科'), note: nullable(text(500, '复审意见')) }, ['stampUnit']),
    RosterLineResolveRequest: object({ resolution: text(500, '如何处理：如“已按户口簿更正出生日期”') }, ['resolution']),
    MyRosterLine: object({ data: MY_LINE }, ['data']),
    MyRosterLineConfirmRequest: object({ line: LINE_DOCUMENT_ID }, [], '可为空对象'),
    MyRosterLineErrorRequest: object({
      field: { type: 'string', enum: [...ROSTER_FIELDS], description: ROSTER_FIELDS.map((f) => `${f} ${ROSTER_FIELD_LABELS[f]}`).join('，') },
      message: text(500, '哪里有误、正确的是什么；写入的完整身份证号会被掩码'),
      line: LINE_DOCUMENT_ID,
    }, ['field', 'message']),
  };
}

/**
 * The plugin's own description of a core find, for a path a custom route shares: the plugin's
 * override replaces a whole path, so POST /class-rosters would otherwise drop GET /class-rosters.
 */
function coreFind(pluralName: string, listResponse: string, tag: string) {
  const query = (name: string, description: string, schema: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ name, in: 'query', description, deprecated: false, required: false, schema, ...extra });
  const error = (description: string) => ({ description, content: { 'application/json': { schema: ref('Error') } } });
  return {
    responses: {
      200: { description: 'OK', content: { 'application/json': { schema: ref(listResponse) } } },
      400: { description: 'Bad Request', content: { 'application/json': { schema: ref('Error') } } },
      401: error('Unauthorized'),
      403: error('Forbidden'),
      404: error('Not Found'),
      500: error('Internal Server Error'),
    },
    tags: [tag],
    parameters: [
      query('sort', 'Sort by attributes ascending (asc) or descending (desc)', { type: 'string' }),
      query('pagination[withCount]', 'Return page/pageSize (default: true)', { type: 'boolean' }),
      query('pagination[page]', 'Page number (default: 0)', { type: 'integer' }),
      query('pagination[pageSize]', 'Page size (default: 25)', { type: 'integer' }),
      query('pagination[start]', 'Offset value (default: 0)', { type: 'integer' }),
      query('pagination[limit]', 'Number of entities to return (default: 25)', { type: 'integer' }),
      query('fields', 'Fields to return (ex: title,author)', { type: 'string' }),
      query('populate', 'Relations to return', { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] }),
      query('filters', 'Filters to apply', { type: 'object', additionalProperties: true }, { style: 'deepObject' }),
      query('locale', 'Locale to apply', { type: 'string' }),
    ],
    operationId: `get/${pluralName}`,
  };
}

const ROSTER_TAG = 'class-roster';
const LINE_TAG = 'roster-line';
const STEP_CONFLICT = '名册或名册行已不在可办理此步骤的状态（另一人刚刚办理），或复审时尚有未核对的学生、未处理的报错（409，说明人数）';

export function rosterPaths() {
  return {
    '/class-rosters': {
      get: coreFind('class-rosters', 'ClassRosterListResponse', 'Class-roster'),
      post: operation({
        tag: ROSTER_TAG, summary: '生成班级学籍名册：班级每名在校学生一行，登记信息的快照（身份证号掩码） (produce a class roster)', status: 201,
        description:
          '只有学籍管理部门（教务处，全校范围；其他 403）。在校学生为新生、在籍与休学的学生，按学号排序。一个事务、一条集合 SQL；班级没有在校学生时 400 指向 schoolClass。' +
          '同一班级已有尚未复审盖章的名册时 409（数据库保证每班至多一份未盖章的名册）。列表 GET /class-rosters 显示各班名册的状态与人数（系部只见本系部的班级）。',
        body: ref('ClassRosterProduceRequest'), ok: ref('ClassRosterEnvelope'), errors: [400, 409],
      }),
    },
    '/class-rosters/{documentId}/sheet': {
      get: operation(
        {
          tag: TAGS.print, summary: '班级学籍名册 (.xlsx)：每名学生一行，核对情况、报错与处理，标题行注明初审与复审 (the roster as a sheet)',
          description: '能读名册者可读（本系部、教务处、档案室、校领导）；范围外 404。身份证号为掩码。', ok: null, okContent: { [XLSX]: { schema: { type: 'string', format: 'binary' } } }, errors: [404],
        },
        [DOCUMENT_ID],
      ),
    },
    '/class-rosters/{documentId}/pdf': {
      get: operation(
        {
          tag: TAGS.print, summary: '班级学籍名册，A4 PDF：学生逐行、核对情况、班主任初审与学籍管理部门复审盖章 (the roster as a PDF)',
          description: '能读名册者可读；范围外 404。身份证号为掩码。', ok: null, okContent: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } }, errors: [404],
        },
        [DOCUMENT_ID],
      ),
    },
    '/class-rosters/{documentId}/head-teacher-check': {
      post: operation(
        {
          tag: ROSTER_TAG, summary: '班主任初审 (the head teacher\'s first check)',
          description: `只有名册所在班级的系部人员（其他 403；范围外 404），名册须在“学生核对中”。记录初审人、时间与意见。${STEP_CONFLICT}。`,
          body: ref('ClassRosterHeadTeacherCheckRequest'), ok: ref('ClassRosterEnvelope'), errors: [400, 404, 409],
        },
        [DOCUMENT_ID],
      ),
    },
    '/class-rosters/{documentId}/registry-check': {
      post: operation(
        {
          tag: ROSTER_TAG, summary: '学籍管理部门复审并盖章 (the registry\'s second check and stamp)',
          description: `只有学籍管理部门（教务处）；名册须已经班主任初审，且每名学生已确认、每处报错已处理，否则 409 并说明未核对的人数与未处理的报错数。stampUnit 必填（400 指向 stampUnit）。盖章后名册不再变动。${STEP_CONFLICT}。`,
          body: ref('ClassRosterRegistryCheckRequest'), ok: ref('ClassRosterEnvelope'), errors: [400, 404, 409],
        },
        [DOCUMENT_ID],
      ),
    },
    '/roster-lines/{documentId}/resolve': {
      post: operation(
        {
          tag: LINE_TAG, summary: '处理学生报告的名册错误 (resolve a reported error)',
          description: '只有学籍管理部门（教务处）。先在学籍中更正，再在此写明如何处理；名册行随即显示学籍现有的信息（姓名、学号、性别、出生日期、身份证号掩码）。只有“学生报错待处理”的行可以处理（否则 409）；名册已盖章时 409。',
          body: ref('RosterLineResolveRequest'), ok: ref('RosterLineEnvelope'), errors: [400, 404, 409],
        },
        [DOCUMENT_ID],
      ),
    },
    '/me/roster-line': {
      get: operation({
        tag: TAGS.me, summary: '我的学籍名册信息：本人在最新名册中的一行与名册的状态 (my roster line)',
        description: '学生本人；没有名册时 data 为 null。GET /roster-lines 与 GraphQL rosterLines 对学生也只返回本人的行。', ok: ref('MyRosterLine'), errors: [],
      }),
    },
    '/me/roster-line/confirm': {
      post: operation({
        tag: TAGS.me, summary: '确认名册上本人的信息无误（签字确认） (confirm my line)',
        description: '只有待核对的行可以确认；同时两次确认只有一次成功，另一次 409。指定的行不是本人的，或没有尚未盖章的名册时 404。',
        body: ref('MyRosterLineConfirmRequest'), ok: ref('MyRosterLine'), errors: [400, 404, 409],
      }),
    },
    '/me/roster-line/report-error': {
      post: operation({
        tag: TAGS.me, summary: '报告名册上本人的信息有误 (report an error in my line)',
        description: '待核对或已确认的行可以报错；报错作为待办交给学籍管理部门（并通知学生所在系部），由其核实更正后处理。field 不在列表中时 400 指向 field，message 为空或超过 500 字时 400 指向 message。',
        body: ref('MyRosterLineErrorRequest'), ok: ref('MyRosterLine'), errors: [400, 404, 409],
      }),
    },
  };
}
