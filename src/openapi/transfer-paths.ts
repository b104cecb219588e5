/**
 * The student archive's transfer routes in the OpenAPI document (issue 17): the application and
 * its steps, the receipt follow-up, and the graduates' archives due for transfer.
 */
import { TRANSFER_METHODS } from '../domain/archive-transfer';
import { ARCHIVE_CUSTODIES, ARCHIVE_STATES, TRANSFER_REASONS } from '../domain/student-archive';
import { DOCUMENT_ID, operation } from './operation';
import { ref } from './schemas';

const TAG = 'archive-transfer';
const text = (description: string, maxLength: number) => ({ type: 'string', maxLength, description });
const day = (description: string) => ({ type: 'string', format: 'date', description });
const object = (properties: Record<string, unknown>, required: string[] = []) => ({ type: 'object', ...(required.length ? { required } : {}), properties });
const ENVELOPE = object({ data: ref('ArchiveTransfer') }, ['data']);
const STATE_409 = '状态不符时 409，message 写明当前状态（如“已申请”）与此步骤须为的状态；两人同时操作时后到者 409。什么也不写。';

const step = (action: string, summary: string, description: string, body: Record<string, unknown>) => ({
  [`/archive-transfers/{documentId}/${action}`]: {
    post: operation({ tag: TAG, summary, description: `只有档案室（需要修改档案转递的权限）。${description}${STATE_409}`, body, ok: ENVELOPE, errors: [400, 404, 409] }, [DOCUMENT_ID]),
  },
});

/** The core list's query (the plugin's own description is replaced with the path's, which also has POST). */
const LIST_QUERY = [
  { name: 'sort', in: 'query', required: false, description: '排序，如 appliedAt:desc', schema: { type: 'string' } },
  { name: 'pagination[page]', in: 'query', required: false, schema: { type: 'integer' } },
  { name: 'pagination[pageSize]', in: 'query', required: false, schema: { type: 'integer' } },
  { name: 'filters', in: 'query', required: false, description: '筛选，如 filters[state][$eq]=sent', schema: { type: 'object', additionalProperties: true }, style: 'deepObject' },
  { name: 'populate', in: 'query', required: false, schema: { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] } },
];

export function transferPaths() {
  return {
    '/archive-transfers': {
      get: operation({
        tag: TAG, summary: '档案转递列表 (the transfers)',
        description: '档案室与教务处可见全部；系部只见其保管中的档案的转递（寄出后不再可见）；学生只见本人的。',
        query: LIST_QUERY, ok: ref('ArchiveTransferListResponse'), errors: [400],
      }),
      post: operation({
        tag: TAG, status: 201, summary: '申请学籍档案转递：毕业、结业、肄业或退学 (apply for an archive\'s transfer)',
        description:
          '档案室，或学生所在系部在其保管档案期间（custody 为 department）。看不到的档案 404；档案已移交档案室时系部 404，已转出时 403。档案已有转递正在办理或已转递时 409。' +
          '学籍档案状态改为“已申请转递”。字段有误时 400 指向 data 下的字段。',
        body: object({ data: object({
          archive: { type: 'string', description: '学籍档案的 documentId' },
          reason: { type: 'string', enum: [...TRANSFER_REASONS], description: 'graduation 毕业、completion 结业、leaving 肄业、withdrawal 退学' },
          receivingUnit: text('接收单位', 100), receivingAddress: text('接收单位地址', 200), note: text('申请备注', 300),
        }, ['archive', 'reason', 'receivingUnit', 'receivingAddress']) }, ['data']),
        ok: ENVELOPE, errors: [400, 404, 409],
      }),
    },
    ...step('check', '档案室审核转递档案的材料是否齐全 (the completeness check)',
      '首次建档必备材料（档案材料种类中“首次建档必备”的）缺少时须在 note 中说明，否则 400 指向 note 并列出所缺材料；说明后审核结果为“缺件已说明”。',
      object({ note: text('审核备注；材料不全时必填', 300) })),
    ...step('send', '转递登记并寄出：登记编号、封装、机要或快递 (register and send)',
      'registerNumber 在转递登记簿中唯一（不计空格与大小写），重复时 400 指向 registerNumber。寄出后档案保管改为“已转出”、状态“已转递”，系部不再可见。',
      object({
        registerNumber: text('转递登记编号', 40), sealedBy: text('封装人', 50), sealNumber: text('密封编号', 40),
        method: { type: 'string', enum: [...TRANSFER_METHODS], description: 'confidential-mail 机要，courier 快递' },
        trackingNumber: text('机要或快递单号', 60), sentOn: day('寄出日期，默认今天；不晚于今天，不早于审核日期'),
      }, ['registerNumber', 'sealedBy', 'method', 'trackingNumber'])),
    ...step('receipt', '登记接收单位的回执 (record the receipt)',
      '回执登记后转递为“已收到回执”，学籍档案为“已结档”（本校的保管结束）。receivedOn 不晚于今天、不早于寄出日期，否则 400 指向 receivedOn。',
      object({ receivedOn: day('回执日期，默认今天'), receiptNumber: text('回执编号', 60), notes: text('回执说明', 300) })),
    ...step('cancel', '撤销未寄出的转递 (cancel one not yet sent)',
      '只能撤销“已申请”或“已审核”的转递；学籍档案恢复申请前的状态，可再次申请。reason 必填。',
      object({ reason: text('撤销原因', 300) }, ['reason'])),
    '/archive-transfers/follow-up': {
      get: operation({
        tag: TAG, summary: '回执催办名单：寄出超过 N 天仍未收到回执的转递 (the follow-up list)',
        description: 'N 为学校设置“转递回执催办天数”（默认 30）。能读档案转递者可读，限于其范围（已寄出的档案只有档案室与教务处可见）；按寄出日期先后。daysSinceSent 为寄出至今的天数。',
        ok: object({
          data: { type: 'array', items: object({
            documentId: { type: 'string' }, studentLabel: { type: 'string', nullable: true }, registerNumber: { type: 'string' }, receivingUnit: { type: 'string' },
            method: { type: 'string', enum: [...TRANSFER_METHODS] }, methodLabel: { type: 'string' }, trackingNumber: { type: 'string' }, sentOn: { type: 'string' },
            daysSinceSent: { type: 'integer' }, overdueNotifiedAt: { type: 'string', nullable: true, description: '已通知档案室的时间；催办尚未执行时为 null' },
          }, ['documentId', 'registerNumber', 'sentOn', 'daysSinceSent']) },
          meta: object({ today: { type: 'string' }, receiptOverdueDays: { type: 'integer' }, total: { type: 'integer' } }, ['today', 'receiptOverdueDays', 'total']),
        }, ['data', 'meta']),
        errors: [],
      }),
    },
    '/archive-transfers/follow-up/run': {
      post: operation({
        tag: TAG, summary: '立即执行回执催办：新逾期的转递记为已催办、档案状态改为“回执逾期”，通知档案室 (run the follow-up now)',
        description: '每日由定时任务执行；档案室也可随时执行。每份转递只催办、通知一次：重复执行（或同时执行）不重复通知。一次执行新逾期的转递合为一条发给档案室的通知。',
        ok: object({ data: object({
          today: { type: 'string' }, overdue: { type: 'integer', description: '当前在催办名单上的转递数' }, newlyOverdue: { type: 'integer', description: '本次新记为逾期的转递数' },
          notified: { type: 'boolean' }, transfers: { type: 'array', items: { type: 'string' }, description: '本次新记为逾期的转递 documentId' },
        }, ['today', 'overdue', 'newlyOverdue', 'notified', 'transfers']) }, ['data']),
        errors: [],
      }),
    },
    '/student-archives/retention-due': {
      get: operation({
        tag: 'student-archive', summary: '保管期满待转递的毕业生档案：毕业满 N 年且尚未转出 (the archives due for transfer)',
        description: 'N 为学校设置“毕业生档案保管年限”（默认 2）；保管期满日（毕业日期加 N 年）当天起列入。只有教务处与档案室（其他 403）。transferRequested：已申请转递、尚未寄出。',
        ok: object({
          data: { type: 'array', items: object({
            documentId: { type: 'string' }, studentLabel: { type: 'string', nullable: true }, custody: { type: 'string', enum: [...ARCHIVE_CUSTODIES] }, state: { type: 'string', enum: [...ARCHIVE_STATES] },
            graduatedOn: { type: 'string' }, retentionEndsOn: { type: 'string' }, transferRequested: { type: 'boolean' },
          }, ['documentId', 'custody', 'state', 'graduatedOn', 'retentionEndsOn', 'transferRequested']) },
          meta: object({ today: { type: 'string' }, retentionYears: { type: 'integer' }, total: { type: 'integer' } }, ['today', 'retentionYears', 'total']),
        }, ['data', 'meta']),
        errors: [],
      }),
    },
  };
}
