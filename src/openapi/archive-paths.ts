/**
 * The student archive's routes in the OpenAPI document (issue 17): filing materials with their
 * files, corrections, the files themselves, the first archive's completeness list and the custody
 * move to the archive office.
 */
import { DOCUMENT_ID, XLSX, json, operation } from './operation';
import { ref } from './schemas';

const TAG = 'student-archive';
const MATERIAL_TAG = 'archive-material';
const FILE_ID = { name: 'fileId', in: 'path', required: true, description: '文件的 id（见上传的答复）', schema: { type: 'integer' } };
const UPLOAD = {
  type: 'object',
  required: ['files'],
  properties: {
    kind: { type: 'string', description: '材料种类的 documentId（归档时必填；更正时沿用原件的种类）' },
    materialDate: { type: 'string', description: '材料日期 YYYY-MM-DD，不晚于今天（更正时可省略，沿用原件的）' },
    title: { type: 'string', maxLength: 100, description: '材料名称，省略时为种类名称' },
    checkedAgainstOriginal: { type: 'string', enum: ['true', 'false'], description: '复印件与原件核对无误（记录核对人与时间）' },
    stampUnit: { type: 'string', maxLength: 60, description: '盖章单位' },
    files: { type: 'array', items: { type: 'string', format: 'binary' }, description: 'PDF、JPEG 或 PNG（按文件内容识别），大小上限为学校设置（默认 20 MB）' },
  },
};
const query = (name: string, description: string, schema: Record<string, unknown>) => ({ name, in: 'query', required: false, description, schema });

export function archivePaths() {
  return {
    '/student-archives/{documentId}/materials': {
      post: operation(
        {
          tag: MATERIAL_TAG, summary: '向学籍档案归档一份材料及其文件（私有存储）(file a material into an archive)', status: 201,
          description: '系部在档案移交前归档本系部学生的材料，档案室归档其保管的或仍在系部的档案；已移交的档案系部不能再归档（范围外 404，无权 403），已转出的任何人不能。字段有误 400 指向该字段，什么也不写。',
          multipart: UPLOAD, ok: ref('ArchiveMaterialFiled'), errors: [400, 404],
        },
        [DOCUMENT_ID],
      ),
    },
    '/archive-materials/{documentId}/corrections': {
      post: operation(
        {
          tag: MATERIAL_TAG, summary: '更正一份材料：上传更正件，原件保留并标为已被替换 (correct a material; the original is kept, superseded)', status: 201,
          description: '与归档同样的人与范围；已被替换的材料不能再更正（403，请更正最新的一份）。', multipart: UPLOAD, ok: ref('ArchiveMaterialFiled'), errors: [400, 404],
        },
        [DOCUMENT_ID],
      ),
    },
    '/archive-materials/{documentId}/files/{fileId}': {
      get: operation(
        {
          tag: MATERIAL_TAG, summary: '材料的文件（经范围检查，学生本人以外的每次查阅记入档案查阅登记）(a material\'s file, registered)',
          ok: null, okContent: Object.fromEntries(['application/pdf', 'image/jpeg', 'image/png'].map((type) => [type, { schema: { type: 'string', format: 'binary' } }])), errors: [404],
        },
        [DOCUMENT_ID, FILE_ID],
      ),
    },
    '/student-archives/completeness': {
      get: operation({
        tag: TAG, summary: '首次建档完整性：每名学生尚缺的必备材料、截止日、剩余工作日、是否逾期、保管与应移交日期 (the first archive\'s completeness list)',
        description:
          '能读学籍档案者可读，限于其范围：系部只见本系部仍由系部保管的档案，档案室与教务处见全校（已转出的不列）。截止日为入学后第 30 个工作日（学校日历，节假日不计、调休上班日计；天数为学校设置），' +
          '应移交档案室日期为入学后 1 个月。department 为调用者范围外或不存在的系部时同样 400 指向 department。format=xlsx 时为 Excel 表（全部行，不分页，中文表头）。',
        query: [
          query('department', '系部的 documentId', { type: 'string' }),
          query('custody', '保管：department 系部整理中，archive-office 档案室保管', { type: 'string', enum: ['department', 'archive-office'] }),
          query('overdue', 'true 只列逾期未完成的，false 只列未逾期的', { type: 'string', enum: ['true', 'false'] }),
          query('format', '默认 json；xlsx 下载 Excel 表', { type: 'string', enum: ['json', 'xlsx'] }),
          query('pagination[page]', '页码，默认 1', { type: 'integer', minimum: 1 }),
          query('pagination[pageSize]', '每页行数，默认 25，至多 500', { type: 'integer', minimum: 1, maximum: 500 }),
        ],
        ok: null, okContent: { ...json(ref('ArchiveCompleteness')), [XLSX]: { schema: { type: 'string', format: 'binary' } } }, errors: [400],
      }),
    },
    '/student-archives/{documentId}/custody': {
      post: operation(
        {
          tag: TAG, summary: '档案室接收一份学籍档案：保管改为档案室，状态“档案室保管”，记录移交时间 (the archive office receives one archive)',
          description: '只有档案室（系部 403）。档案已由档案室接收或已转出时 409；同时两次接收只有一次成功。请求体为空（带字段则 400 指向该字段）。此后系部不能再查看或归档该档案的材料。',
          body: { type: 'object', maxProperties: 0 }, ok: ref('ArchiveCustodyMoved'), errors: [400, 404, 409],
        },
        [DOCUMENT_ID],
      ),
    },
    '/student-archives/custody': {
      post: operation({
        tag: TAG, summary: '档案室批量接收学籍档案：全部成功或全部不变 (the archive office receives a batch, all or nothing)',
        description: '只有档案室（系部 403）。一个事务：任一档案不存在（400 指向 archives[i]）、已由档案室接收或已转出（409，消息指出 archives[i]），则一份也不移交。至多 5,000 份。',
        body: ref('ArchiveCustodyBatch'), ok: ref('ArchiveCustodyMoved'), errors: [400, 409],
      }),
    },
  };
}
