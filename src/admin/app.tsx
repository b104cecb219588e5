/**
 * The admin panel speaks Chinese: zh-Hans is offered (English stays for developers), a browser
 * that has never chosen a language starts in Chinese, and the stored values of enumerations
 * (statuses, genders, office kinds...) are shown by their Chinese names in lists, filters and forms.
 */
import type { StrapiApp } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { Typography } from '@strapi/design-system';
import contentManagerZhHans from './translations/zh-Hans.json';
import adminZhHans from './translations/zh-Hans.admin.json';
// The documentation plugin's zh-Hans file lacks its page and settings strings.
import documentationZhHans from './translations/zh-Hans.documentation.json';
import { Bell, ChartPie } from '@strapi/icons';
import { ENUM_LABELS, STATE_LABELS } from '../domain/enum-labels';
import { registerRevealPanel } from './reveal';
import { registerStatusChangePanels } from './status-change';
import { ACTION_LABELS } from './status-change-view';

const LANGUAGE_KEY = 'strapi-admin-language';

/**
 * Browser-stored admin preferences set once, before the first render: Chinese as the language,
 * Strapi's product tour off, and the "new Media Library" banner (a link to strapi.io, which an
 * offline campus network cannot open) dismissed. A user's own later choice is kept.
 */
const FIRST_VISIT_DEFAULTS: Record<string, string> = {
  [LANGUAGE_KEY]: 'zh-Hans',
  STRAPI_GUIDED_TOUR: JSON.stringify({ enabled: false, hidden: false, completedActions: [] }),
  // The banner's key ends with the project uuid, which is `false` when telemetry is off.
  'STRAPI_MEDIA_LIBRARY_BANNER_DISMISSED_FOR_false:false': 'true',
  'STRAPI_MEDIA_LIBRARY_BANNER_DISMISSED_FOR_false:undefined': 'true',
};


/** Values of the audit log's plain string columns, shown by name. */
const AUDIT_LABELS: Record<string, Record<string, string>> = {
  action: {
    create: '新增', update: '修改', delete: '删除', publish: '发布', unpublish: '取消发布', clone: '复制', reveal: '查看敏感信息', 'attach-documents': '上传材料',
    // The workflow actions, named as their buttons are.
    ...Object.fromEntries(Object.entries(ACTION_LABELS).map(([action, label]) => [action, label.button])),
  },
  actorType: { admin: '后台用户', user: '前台账号', 'api-token': 'API 令牌', system: '系统', public: '未登录' },
  channel: { admin: '管理后台', rest: 'REST', graphql: 'GraphQL', system: '系统' },
  actorLabel: { system: '系统', public: '未登录' },
  targetType: {
    'api::student.student': '学生学籍',
    'api::department.department': '系部',
    'api::major.major': '专业',
    'api::school-class.school-class': '班级',
    'api::office.office': '职能部门',
    'api::staff-membership.staff-membership': '教职工任职',
    'api::status-change.status-change': '学籍异动',
    'api::approval-chain.approval-chain': '审批流程',
    'api::school-setting.school-setting': '学校设置',
    'api::notification.notification': '学生通知',
    'api::calendar-day.calendar-day': '校历日',
    'api::semester.semester': '学期',
  },
};

const AuditCell = ({ field, value }: { field: string; value: unknown }) => (
  <Typography textColor="neutral800">{typeof value === 'string' ? (AUDIT_LABELS[field][value] ?? value) : '-'}</Typography>
);

/** Labels that differ from ENUM_LABELS for one list: a request's `withdrawn` state is 已撤回. */
const OWN_LABELS: Array<{ type: string; field: string; labels: Record<string, string> }> = [
  { type: 'api::status-change.status-change', field: 'state', labels: STATE_LABELS },
];

function ownLabels(field: string): Record<string, string> | undefined {
  return OWN_LABELS.find((own) => own.field === field && window.location.pathname.includes(own.type))?.labels;
}

const EnumCell = ({ value, labels }: { value: unknown; labels?: Record<string, string> }) => {
  const { formatMessage } = useIntl();
  if (typeof value !== 'string' || value === '') return <Typography textColor="neutral800">-</Typography>;
  return <Typography textColor="neutral800">{labels?.[value] ?? formatMessage({ id: value, defaultMessage: value })}</Typography>;
};

/** The status history stores its codes as plain strings (not enumerations): shown by name too. */
const HISTORY_CODE_COLUMNS = ['workflow', 'fromStatus', 'toStatus'];
const STATUS_HISTORY = 'api::status-history.status-history';

interface ListFilter {
  name: string;
  options?: Array<{ label: string; value: string }>;
  [key: string]: unknown;
}

/**
 * The list view renders any column named `status` as the draft/published badge, which would hide
 * the student's 学籍状态 behind a meaningless "Published". The column is shown under another
 * name with the translated value; it cannot be sorted from the header (the filters still work).
 */
const STATUS_COLUMN = 'status';
const RENAMED_STATUS_COLUMN = 'studentStatus';

interface ListHeader {
  name: string;
  attribute?: { type?: string };
  cellFormatter?: (row: Record<string, unknown>) => React.ReactNode;
  [key: string]: unknown;
}

export default {
  config: {
    locales: ['zh-Hans'],
    translations: {
      // Strapi 5.54's own zh-Hans file for the Content Manager carries keys that are prefixed twice,
      // so none of them is found; src/admin/translations holds them with the right prefix, plus
      // the strings Strapi's Chinese files lack on the screens this product uses.
      'zh-Hans': { ...contentManagerZhHans, ...adminZhHans, ...documentationZhHans, ...ENUM_LABELS, 'Auth.form.welcome.title': '学籍与诚信档案管理系统', 'Auth.form.welcome.subtitle': '请登录您的账号',
        // The users-permissions user type is the login of the student portal and other front-ends.
        User: '前台账号',
        'search.placeholder': '搜索',
        'student-records.status-change-report': '学籍异动统计',
      },
      en: { 'Auth.form.welcome.title': 'Student records', 'Auth.form.welcome.subtitle': 'Log in to your account', 'student-records.status-change-report': 'Status change report' },
    },
    tutorials: false,
    notifications: { releases: false },
  },
  register(app: StrapiApp) {
    // The home page opens with what waits for the person's decision.
    app.widgets.register((widgets) => [
      {
        id: 'inbox',
        icon: Bell,
        title: { id: 'student-records.widget.inbox', defaultMessage: '待我审批' },
        component: async () => (await import('./components/InboxWidget')).InboxWidget,
        permissions: [{ action: 'plugin::content-manager.explorer.read', subject: 'api::status-change.status-change' }],
      },
      ...widgets,
    ]);
    app.addMenuLink({
      to: 'student-records/status-change-report',
      icon: ChartPie,
      intlLabel: { id: 'student-records.status-change-report', defaultMessage: '学籍异动统计' },
      // Whoever may read status changes; the server scopes the counts to their departments.
      permissions: [{ action: 'plugin::content-manager.explorer.read', subject: 'api::status-change.status-change' }],
      Component: () => import('./pages/StatusChangeReport'),
    });
  },
  bootstrap(app: StrapiApp) {
    registerRevealPanel(app);
    registerStatusChangePanels(app);
    for (const [key, value] of Object.entries(FIRST_VISIT_DEFAULTS)) {
      if (window.localStorage.getItem(key) === null) window.localStorage.setItem(key, value);
    }
    // The list view prints enumeration values raw; show their translated names instead.
    app.registerHook('Admin/CM/pages/ListView/inject-column-in-table', ({ displayedHeaders, layout }: { displayedHeaders: ListHeader[]; layout: unknown }) => ({
      layout,
      displayedHeaders: displayedHeaders.map((header) => {
        if (window.location.pathname.includes('api::audit-log.audit-log') && AUDIT_LABELS[header.name] && !header.cellFormatter) {
          const field = header.name;
          return { ...header, cellFormatter: (row: Record<string, unknown>) => <AuditCell field={field} value={row[field]} /> };
        }
        if (window.location.pathname.includes(STATUS_HISTORY) && HISTORY_CODE_COLUMNS.includes(header.name) && !header.cellFormatter) {
          const field = header.name;
          return { ...header, cellFormatter: (row: Record<string, unknown>) => <EnumCell value={row[field]} /> };
        }
        if (header.attribute?.type !== 'enumeration' || header.cellFormatter) return header;
        const field = header.name;
        const labels = ownLabels(field);
        const cellFormatter = (row: Record<string, unknown>) => <EnumCell value={row[field]} labels={labels} />;
        if (field === STATUS_COLUMN) return { ...header, name: RENAMED_STATUS_COLUMN, sortable: false, cellFormatter };
        return { ...header, cellFormatter };
      }),
    }));
    // The filters name enumeration values through the translations; apply the same exceptions.
    app.registerHook('Admin/CM/pages/ListView/inject-in-filters', ({ displayedFilters, layout }: { displayedFilters: ListFilter[]; layout: unknown }) => ({
      layout,
      displayedFilters: displayedFilters.map((filter) => {
        const labels = ownLabels(filter.name);
        if (!labels || !filter.options) return filter;
        return { ...filter, options: filter.options.map((option) => ({ ...option, label: labels[option.value] ?? option.label })) };
      }),
    }));
  },
};
