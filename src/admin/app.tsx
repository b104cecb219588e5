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
import { Bell, ChartPie, CheckCircle, PresentationChart } from '@strapi/icons';
import { ARCHIVE_FIELD_LABELS, ENUM_LABELS, STATE_LABELS } from '../domain/enum-labels';
import { REGISTRATION_STATE_LABELS } from '../domain/registration';
import { registerRevealPanel } from './reveal';
import { registerExcelActions } from './excel';
import { registerStatusChangePanels } from './status-change';
import { registerContentManagerRules } from './content-manager-hooks';
import { formOf, hasOwnFilters, isYearField, offeredFilters } from './content-manager-rules';
import { DASHBOARD_MESSAGES, dashboardWidgets } from './dashboard/widgets';
import { inboxItems, prefetch } from './dashboard/home-data';
import { InboxMenuIcon } from './components/InboxMenuIcon';
import { auditCell, statusChangeCell } from './components/AuditCells';
import { registerAuditPanels } from './audit-panels';
import { registerIntegrityPanels } from './integrity';
import { registerRegistrationPanels } from './registration';
import { EnumFilterInput } from './components/EnumFilterInput';
import { TextFilterInput } from './components/TextFilterInput';
import { INTEGRITY_MESSAGES, INTEGRITY_OWN_LABELS } from './integrity-labels';

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


/** Labels that differ from ENUM_LABELS for one list: a request's `withdrawn` state is 已撤回. */
const OWN_LABELS: Array<{ type: string; field: string; labels: Record<string, string> }> = [
  { type: 'api::status-change.status-change', field: 'state', labels: STATE_LABELS },
  // A registration's submitted / approved say which step it waits at (待系部审核, 待学生确认).
  { type: 'api::registration.registration', field: 'state', labels: REGISTRATION_STATE_LABELS },
  ...INTEGRITY_OWN_LABELS,
  ...Object.entries(ARCHIVE_FIELD_LABELS).flatMap(([type, fields]) => Object.entries(fields).map(([field, labels]) => ({ type, field, labels }))),
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

/**
 * What the stock admin offers and this product does not: Strapi's overview page links staff to
 * its pricing plans (an offline campus network cannot open it, and a plan is nothing a registrar
 * chooses).
 */
function hideVendorLinks(): void {
  if (document.getElementById('student-records-vendor-links')) return;
  const style = document.createElement('style');
  style.id = 'student-records-vendor-links';
  // The whole "current plan" entry (its heading, the edition and the link), and the upgrade link;
  // and a relation picker's 新建关联 (creating a student or a class from inside another form
  // skips the admission and organisation rules' own forms): the one option placed outside the
  // list's scrolling viewport.
  style.textContent = [
    '*:has(> dd a[href^="https://strapi.io/pricing"]), a[href^="https://github.com/strapi/strapi/releases"] { display: none !important; }',
    '[role="listbox"] > [role="option"] { display: none !important; }',
    // Printing a page from the browser: the page's content only, without menus and buttons
    // (the request form and the class roster also print as PDFs, from their panels).
    '@media print { nav, [role="navigation"], button, [role="toolbar"] { display: none !important; } body, main { background: #fff !important; } * { box-shadow: none !important; } }',
  ].join('\n');
  document.head.appendChild(style);
}

/**
 * Strapi's home widgets about draft and publish. The records have none: 最近发布的记录 would always be
 * empty and the 条目 chart one slice of "published"; neither is offered (nor asks the server).
 */
const DRAFT_AND_PUBLISH_WIDGETS: readonly string[] = ['last-published-entries', 'chart-entries'];

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
        'student-records.registration-review': '注册批量审核',
        'student-records.registration-report': '学籍注册统计',
        ...DASHBOARD_MESSAGES,
        ...INTEGRITY_MESSAGES,
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
        title: { id: 'student-records.widget.inbox', defaultMessage: '待办' },
        component: async () => {
          prefetch(inboxItems); // asked while the widget's code loads
          return (await import('./components/InboxWidget')).InboxWidget;
        },
        permissions: [{ action: 'plugin::content-manager.explorer.read', subject: 'api::status-change.status-change' }],
      },
      // The charts (src/domain/dashboard.ts), each for the roles that may read its numbers.
      ...dashboardWidgets(),
      ...widgets.filter((widget) => !DRAFT_AND_PUBLISH_WIDGETS.includes(widget.id)),
    ]);
    // 待我审批: the full list, its icon showing how many wait (src/admin/inbox-count.ts).
    app.addMenuLink({
      to: 'student-records/inbox',
      icon: InboxMenuIcon,
      intlLabel: { id: 'student-records.inbox', defaultMessage: '待我审批' },
      permissions: [{ action: 'plugin::content-manager.explorer.read', subject: 'api::status-change.status-change' }],
      Component: () => import('./pages/Inbox'),
    });
    app.addMenuLink({
      to: 'student-records/status-change-report',
      icon: ChartPie,
      intlLabel: { id: 'student-records.status-change-report', defaultMessage: '学籍异动统计' },
      // Whoever may read status changes; the server scopes the counts to their departments.
      permissions: [{ action: 'plugin::content-manager.explorer.read', subject: 'api::status-change.status-change' }],
      Component: () => import('./pages/StatusChangeReport'),
    });
    // Semester registration (issue 16): a class's registrations reviewed at once, and the report.
    app.addMenuLink({
      to: 'student-records/registration-review',
      icon: CheckCircle,
      intlLabel: { id: 'student-records.registration-review', defaultMessage: '注册批量审核' },
      permissions: [{ action: 'plugin::content-manager.explorer.read', subject: 'api::registration.registration' }],
      Component: () => import('./pages/RegistrationReview'),
    });
    app.addMenuLink({
      to: 'student-records/registration-report',
      icon: PresentationChart,
      intlLabel: { id: 'student-records.registration-report', defaultMessage: '学籍注册统计' },
      permissions: [{ action: 'plugin::content-manager.explorer.read', subject: 'api::registration.registration' }],
      Component: () => import('./pages/RegistrationReport'),
    });
  },
  bootstrap(app: StrapiApp) {
    registerRevealPanel(app);
    registerExcelActions(app);
    registerStatusChangePanels(app);
    registerContentManagerRules(app);
    hideVendorLinks();
    registerAuditPanels(app);
    registerIntegrityPanels(app);
    registerRegistrationPanels(app);
    for (const [key, value] of Object.entries(FIRST_VISIT_DEFAULTS)) {
      if (window.localStorage.getItem(key) === null) window.localStorage.setItem(key, value);
    }
    // The list view prints enumeration values raw; show their translated names instead.
    app.registerHook('Admin/CM/pages/ListView/inject-column-in-table', ({ displayedHeaders, layout }: { displayedHeaders: ListHeader[]; layout: unknown }) => ({
      layout,
      displayedHeaders: displayedHeaders.map((header) => {
        const ownCell = window.location.pathname.includes('api::audit-log.audit-log') ? auditCell(header.name) : window.location.pathname.includes('api::status-change.status-change') ? statusChangeCell(header.name) : null;
        if (ownCell && !header.cellFormatter) return { ...header, cellFormatter: ownCell };
        if (window.location.pathname.includes(STATUS_HISTORY) && HISTORY_CODE_COLUMNS.includes(header.name) && !header.cellFormatter) {
          const field = header.name;
          return { ...header, cellFormatter: (row: Record<string, unknown>) => <EnumCell value={row[field]} /> };
        }
        if (header.attribute?.type === 'integer' && isYearField(header.name) && !header.cellFormatter) {
          const field = header.name;
          return { ...header, cellFormatter: (row: Record<string, unknown>) => <Typography textColor="neutral800">{row[field] == null ? '-' : String(row[field])}</Typography> };
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
      displayedFilters: offeredFilters(displayedFilters, formOf(window.location.pathname).model).map((filter) => {
        const labels = ownLabels(filter.name);
        // An enumeration's own input: its tag then names the value in Chinese, not by its code.
        // A relation's on the lists with their own filters: Strapi's text input leaks `mainField` onto the <input>.
        const relationInput = filter.type === 'relation' && !filter.input && hasOwnFilters(formOf(window.location.pathname).model) ? { ...filter, input: TextFilterInput } : filter;
        const named = relationInput.type === 'enumeration' && relationInput.options && !relationInput.input ? { ...relationInput, input: EnumFilterInput } : relationInput;
        if (!labels || !named.options) return named;
        return { ...named, options: named.options.map((option) => ({ ...option, label: labels[option.value] ?? option.label })) };
      }),
    }));
  },
};
