// @ts-check
/**
 * The integrity bench's data (issue 15), loaded inside the bench server with set-based SQL: 10
 * records for each of the first 5,000 students (50,000), in a mix of sources, indicators, kinds
 * and states, written as the application writes them: the record row (with `department_scope`),
 * its student and department links, one version per move (enter, confirm, acknowledge, appeal, the
 * appeal's outcome, amend) with its record link, and an appeal (open for `appealed`, approved for
 * `modified` / `revoked`) or an approved amendment (`amended`) with their links and chain. Table and
 * column names come from Strapi's metadata, not from guesses. Approval decisions of the decided
 * requests are not written (the check reads none).
 */
'use strict';

const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');

/**
 * Who enters what (a subset of DEFAULT_ENTRY_RULES in src/domain/integrity.ts), with titles.
 * @type {Array<[source: string, indicator: string, kind: string, level: string, title: string]>}
 */
const MIX = [
  ['finance', 'economic', 'bad', 'school', '欠缴学费'],
  ['library', 'economic', 'bad', 'school', '借阅图书逾期未还'],
  ['security', 'daily-life', 'bad', 'school', '违反治安管理规定'],
  ['security', 'online', 'bad', 'school', '网络违规行为'],
  ['academic-affairs', 'academic', 'good', 'school', '学科竞赛获奖'],
  ['academic-affairs', 'academic', 'grades-summary', 'school', '学年成绩汇总'],
  ['academic-affairs', 'academic', 'bad', 'school', '考试违纪'],
  ['academic-affairs', 'employment', 'good', 'school', '取得职业资格证书'],
  ['student-affairs', 'loan-aid', 'loan', 'school', '国家助学贷款'],
  ['student-affairs', 'daily-life', 'good', 'school', '文明寝室成员'],
  ['student-affairs', 'academic', 'good', 'school', '校级技能大赛获奖'],
  ['youth-league', 'employment', 'good', 'school', '担任校学生会干部'],
  ['organisation', 'status-archive', 'good', 'school', '入党积极分子'],
  ['department', 'daily-life', 'good', 'department', '系部优秀学生干部'],
  ['department', 'academic', 'bad', 'department', '无故旷课'],
  ['department', 'employment', 'graduation-comment', 'department', '毕业评语'],
];

/** The moves of a record that stands in each state, and the state after each (RECORD_TRANSITIONS). */
const PATHS = {
  entered: [['enter', 'entered']],
  confirmed: [['enter', 'entered'], ['confirm', 'confirmed']],
  acknowledged: [['enter', 'entered'], ['confirm', 'confirmed'], ['acknowledge', 'acknowledged']],
  appealed: [['enter', 'entered'], ['confirm', 'confirmed'], ['appeal', 'appealed']],
  modified: [['enter', 'entered'], ['confirm', 'confirmed'], ['appeal', 'appealed'], ['appeal-modify', 'modified']],
  revoked: [['enter', 'entered'], ['confirm', 'confirmed'], ['appeal', 'appealed'], ['appeal-revoke', 'revoked']],
  amended: [['enter', 'entered'], ['confirm', 'confirmed'], ['acknowledge', 'acknowledged'], ['amend', 'amended']],
};

/**
 * The state of record `i` by i % 100: 10% entered, 40% confirmed, 35% acknowledged, 5% under
 * appeal, 4% modified, 3% revoked, 3% amended (bad records only; others stay acknowledged).
 */
const STATE_SQL = `CASE
  WHEN g.i % 100 < 10 THEN 'entered' WHEN g.i % 100 < 50 THEN 'confirmed' WHEN g.i % 100 < 85 THEN 'acknowledged'
  WHEN g.i % 100 < 90 THEN 'appealed' WHEN g.i % 100 < 94 THEN 'modified' WHEN g.i % 100 < 97 THEN 'revoked'
  WHEN m.kind = 'bad' THEN 'amended' ELSE 'acknowledged' END`;

/** @param {any} strapi @param {string} uid @param {string} attribute */
function link(strapi, uid, attribute) {
  const meta = strapi.db.metadata.get(uid);
  const joinTable = meta.attributes[attribute].joinTable;
  return { table: meta.tableName, name: joinTable.name, own: joinTable.joinColumn.name, other: joinTable.inverseJoinColumn.name, order: joinTable.orderColumnName, inverseOrder: joinTable.inverseOrderColumnName };
}

/**
 * INSERT ... SELECT of link rows from `source` (a SELECT with columns own_id, other_id, ord).
 * @param {ReturnType<typeof link>} l @param {string} source
 */
function linkInsert(l, source) {
  const columns = [l.own, l.other, ...(l.order ? [l.order] : []), ...(l.inverseOrder ? [l.inverseOrder] : [])];
  const values = ['own_id', 'other_id', ...(l.order ? ['1'] : []), ...(l.inverseOrder ? ['ord'] : [])];
  return `INSERT INTO ${l.name} (${columns.join(', ')}) SELECT ${values.join(', ')} FROM (${source}) x WHERE other_id IS NOT NULL`;
}

/**
 * Loads the records for the first `students` students (by id), `perStudent` each; returns counts
 * and the seconds it took.
 * @param {any} strapi @param {{ students?: number, perStudent?: number }} [options]
 */
async function loadIntegrityRecords(strapi, { students = 5000, perStudent = 10 } = {}) {
  const { activeChain } = require(path.join(ROOT, 'dist', 'src', 'services', 'approval', 'chains'));
  const RECORD = 'api::integrity-record.integrity-record';
  const VERSION = 'api::integrity-record-version.integrity-record-version';
  const APPEAL = 'api::integrity-appeal.integrity-appeal';
  const AMENDMENT = 'api::integrity-amendment.integrity-amendment';
  const recordStudent = link(strapi, RECORD, 'student');
  const recordDepartment = link(strapi, RECORD, 'department');
  const versionRecord = link(strapi, VERSION, 'record');
  const started = performance.now();
  const knex = strapi.db.connection;
  const total = students * perStudent;
  const mix = MIX.map(([source, indicator, kind, level, title], n) => `(${n}, '${source}', '${indicator}', '${kind}', '${level}', '${title}')`).join(', ');
  const paths = Object.entries(PATHS).flatMap(([final, moves]) => moves.map(([event, state], step) => `('${final}', ${step + 1}, '${event}', '${state}')`)).join(', ');
  // The active chain of each record level, as activeChain() gives it to a submission.
  /** @type {Record<string, string[]>} */
  const chainValues = {};
  for (const subject of ['integrity-appeal', 'integrity-amendment']) {
    chainValues[subject] = [];
    for (const level of ['school', 'department']) {
      const chain = await activeChain(strapi, subject, { subType: level });
      if (!chain) throw new Error(`no active ${subject} chain for ${level}`);
      chainValues[subject].push(knex.raw('(?, ?::int, ?::jsonb)', [level, chain.id, JSON.stringify(chain.steps)]).toQuery());
    }
  }
  await knex.transaction(async (/** @type {any} */ trx) => {
    await trx.raw('CREATE TEMP TABLE bench_records ON COMMIT DROP AS SELECT NULL::int AS id, 0 AS i, NULL::int AS student_id, NULL::int AS department_id LIMIT 0');
    // The students, numbered; each gets `perStudent` records spread over the mix.
    await trx.raw(`
      WITH s AS (
        SELECT st.id, st.department_scope, row_number() OVER (ORDER BY st.id) - 1 AS n FROM students st ORDER BY st.id LIMIT ${students}
      ), m (n, source, indicator, kind, level, title) AS (VALUES ${mix}),
      g AS (SELECT i FROM generate_series(0, ${total - 1}) AS i),
      rows AS (
        SELECT g.i, s.id AS student_id, s.department_scope, m.*, ${STATE_SQL} AS state
          FROM g JOIN s ON s.n = g.i % ${students}
          JOIN m ON m.n = (g.i * 7 + g.i / ${students}) % ${MIX.length}
      ), made AS (
        INSERT INTO ${recordStudent.table} (document_id, indicator, kind, title, description, occurred_on, source_office, level, state, version,
                                             entered_by, confirmed_at, confirmed_by, acknowledged_at, department_scope, created_at, updated_at, published_at)
        SELECT substr(md5('bench-record-' || r.i), 1, 24), r.indicator, r.kind,
               r.title || CASE WHEN r.state = 'modified' THEN '（申诉后修改）' ELSE '' END,
               '压测记录 ' || r.i, DATE '2025-09-01' + (r.i % 400), r.source, r.level, r.state,
               CASE r.state WHEN 'entered' THEN 1 WHEN 'confirmed' THEN 2 WHEN 'acknowledged' THEN 3 WHEN 'appealed' THEN 3 ELSE 4 END,
               'bench.' || r.source, CASE WHEN r.state <> 'entered' THEN now() END, CASE WHEN r.state <> 'entered' THEN 'bench.confirmer' END,
               CASE WHEN r.state IN ('acknowledged', 'amended') THEN now() END, r.department_scope, now(), now(), now()
          FROM rows r
        RETURNING id, document_id
      )
      INSERT INTO bench_records (id, i, student_id, department_id)
      SELECT made.id, r.i, r.student_id, r.department_scope FROM made JOIN rows r ON substr(md5('bench-record-' || r.i), 1, 24) = made.document_id`);
    await trx.raw(linkInsert(recordStudent, 'SELECT id AS own_id, student_id AS other_id, i AS ord FROM bench_records'));
    await trx.raw(linkInsert(recordDepartment, 'SELECT id AS own_id, department_id AS other_id, i AS ord FROM bench_records'));
    // One version per move, the content as it stood after the move (contentOf in records.ts).
    await trx.raw('CREATE TEMP TABLE bench_versions ON COMMIT DROP AS SELECT NULL::int AS id, NULL::int AS record_id, 0 AS ord LIMIT 0');
    await trx.raw(`
      WITH p (final, step, event, state) AS (VALUES ${paths}),
      v AS (
        SELECT r.id AS record_id, b.i, p.step, p.event, p.state, r.indicator, r.kind, r.title, r.description, r.occurred_on, r.source_office, r.level, r.department_scope, r.entered_by
          FROM bench_records b JOIN ${recordStudent.table} r ON r.id = b.id JOIN p ON p.final = r.state
      ), made AS (
        INSERT INTO ${versionRecord.table} (document_id, version, event, state, content, reason, actor, at, source_office, department_scope, created_at, updated_at, published_at)
        SELECT substr(md5('bench-version-' || v.i || '-' || v.step), 1, 24), v.step, v.event, v.state,
               jsonb_build_object('indicator', v.indicator, 'kind', v.kind,
                                  'title', CASE WHEN v.event = 'appeal-modify' THEN v.title ELSE replace(v.title, '（申诉后修改）', '') END,
                                  'description', v.description, 'occurredOn', v.occurred_on, 'sourceOffice', v.source_office, 'level', v.level),
               CASE WHEN v.event LIKE 'appeal%' OR v.event = 'amend' THEN '压测' END,
               CASE WHEN v.event = 'enter' THEN v.entered_by WHEN v.event IN ('acknowledge', 'appeal') THEN 'student' ELSE 'bench.confirmer' END,
               now() - make_interval(days => 10 - v.step), v.source_office, v.department_scope, now(), now(), now()
          FROM v
        RETURNING id, document_id
      )
      INSERT INTO bench_versions (id, record_id, ord)
      SELECT made.id, v.record_id, v.step FROM made JOIN v ON substr(md5('bench-version-' || v.i || '-' || v.step), 1, 24) = made.document_id`);
    await trx.raw(linkInsert(versionRecord, 'SELECT id AS own_id, record_id AS other_id, ord FROM bench_versions'));
    // The appeals (open, or approved with their result) and the amendments behind the states.
    for (const [uid, table, states] of /** @type {const} */ ([[APPEAL, 'integrity_appeals', ['appealed', 'modified', 'revoked']], [AMENDMENT, 'integrity_amendments', ['amended']]])) {
      const subject = uid === APPEAL ? 'integrity-appeal' : 'integrity-amendment';
      const links = { record: link(strapi, uid, 'record'), student: link(strapi, uid, 'student'), department: link(strapi, uid, 'department'), chain: link(strapi, uid, 'chain') };
      const chains = chainValues[subject];
      await trx.raw(`CREATE TEMP TABLE bench_requests_${subject.replace('-', '_')} ON COMMIT DROP AS SELECT NULL::int AS id, NULL::int AS record_id, NULL::int AS chain_id LIMIT 0`);
      await trx.raw(`
        WITH c (level, id, steps) AS (VALUES ${chains.join(', ')}),
        r AS (
          SELECT b.i, b.id AS record_id, b.student_id, b.department_id, rec.state, rec.level, rec.source_office, c.id AS chain_id, c.steps
            FROM bench_records b JOIN integrity_records rec ON rec.id = b.id
            JOIN c ON c.level = rec.level
           WHERE rec.state IN (${states.map((s) => `'${s}'`).join(', ')})
        ), made AS (
          INSERT INTO ${table} (document_id, reason, ${uid === APPEAL ? 'level, ' : ''}source_office, state, current_step, round, chain_steps, submitted_at, decided_at, effect, open_record_id, department_scope, created_at, updated_at, published_at)
          SELECT substr(md5('bench-${subject}-' || r.i), 1, 24), '压测：对记录有异议', ${uid === APPEAL ? 'r.level, ' : ''}r.source_office,
                 CASE WHEN r.state = 'appealed' THEN 'submitted' ELSE 'approved' END, CASE WHEN r.state = 'appealed' THEN 1 END, 1, r.steps,
                 now() - interval '5 days', CASE WHEN r.state <> 'appealed' THEN now() END,
                 CASE r.state WHEN 'modified' THEN jsonb_build_object('result', 'modify', 'recordState', 'modified', 'recordVersion', 4)
                              WHEN 'revoked' THEN jsonb_build_object('result', 'revoke', 'recordState', 'revoked', 'recordVersion', 4)
                              WHEN 'amended' THEN jsonb_build_object('recordState', 'amended', 'recordVersion', 4) END,
                 r.record_id, r.department_id, now(), now(), now()
            FROM r
          RETURNING id, document_id
        )
        INSERT INTO bench_requests_${subject.replace('-', '_')} (id, record_id, chain_id)
        SELECT made.id, r.record_id, r.chain_id FROM made JOIN r ON substr(md5('bench-${subject}-' || r.i), 1, 24) = made.document_id`);
      const requests = `bench_requests_${subject.replace('-', '_')} q JOIN bench_records b ON b.id = q.record_id`;
      await trx.raw(linkInsert(links.record, `SELECT q.id AS own_id, q.record_id AS other_id, b.i AS ord FROM ${requests}`));
      await trx.raw(linkInsert(links.student, `SELECT q.id AS own_id, b.student_id AS other_id, b.i AS ord FROM ${requests}`));
      await trx.raw(linkInsert(links.department, `SELECT q.id AS own_id, b.department_id AS other_id, b.i AS ord FROM ${requests}`));
      await trx.raw(linkInsert(links.chain, `SELECT q.id AS own_id, q.chain_id AS other_id, b.i AS ord FROM ${requests}`));
    }
  });
  await knex.raw('ANALYZE integrity_records; ANALYZE integrity_records_student_lnk; ANALYZE integrity_record_versions; ANALYZE integrity_appeals');
  const { rows } = await knex.raw('SELECT state, count(*)::int AS n FROM integrity_records GROUP BY state ORDER BY state');
  const versions = await knex.raw('SELECT count(*)::int AS n FROM integrity_record_versions');
  return { records: total, byState: Object.fromEntries(rows.map((/** @type {{ state: string, n: number }} */ r) => [r.state, r.n])), versions: versions.rows[0].n, seconds: (performance.now() - started) / 1000 };
}

module.exports = { loadIntegrityRecords, MIX };
