import { adminMessage, toAdminErrorBody } from '../../src/domain/admin-messages';

describe('admin messages are Chinese only', () => {
  test.each([
    ['休学开始日期必填 (suspensionStart is required)', '休学开始日期必填'],
    ['申请已提交审批，不能修改；退回后可修改 (a request under approval cannot be edited)', '申请已提交审批，不能修改；退回后可修改'],
    ['学号 2024 已存在 (student number taken); 班级已满 (class is full)', '学号 2024 已存在; 班级已满'],
    ['Forbidden', '没有权限执行此操作'],
    ['Not Found', '记录不存在或无权查看'],
  ])('%s -> %s', (message, shown) => {
    expect(adminMessage(message)).toBe(shown);
  });

  test('what is not glossed is kept: English without Chinese, full-width brackets, numbers in brackets', () => {
    expect(adminMessage('name must be at most 50 characters')).toBe('name must be at most 50 characters');
    expect(adminMessage('学制（年）必须在 3 到 5 之间')).toBe('学制（年）必须在 3 到 5 之间');
    expect(adminMessage('第 3 行 (2024) 有误')).toBe('第 3 行 (2024) 有误');
  });

  test('an error body is rewritten in place, its details too; other bodies are left alone', () => {
    const body = { data: null, error: { message: '出错 (failed)', details: { errors: [{ path: ['x'], message: 'x 必填 (x is required)' }] } } };
    toAdminErrorBody(body);
    expect(body.error.message).toBe('出错');
    expect(body.error.details.errors[0]).toEqual({ path: ['x'], message: 'x 必填' });
    const data = { data: { name: '张三 (Zhang San)' } };
    toAdminErrorBody(data);
    expect(data.data.name).toBe('张三 (Zhang San)');
  });
});
