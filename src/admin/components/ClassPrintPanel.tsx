/** "打印" on a class's edit view: its roster as a PDF (the server lists the students the caller may see). */
import type { PanelComponent } from '@strapi/content-manager/strapi-admin';
import { PrintButton } from './PrintButton';

const SCHOOL_CLASS = 'api::school-class.school-class';

export const ClassPrintPanel: PanelComponent = ({ model, documentId, document }) => {
  if (model !== SCHOOL_CLASS || !documentId) return null;
  const name = typeof document?.name === 'string' ? document.name : documentId;
  return {
    title: '打印',
    content: <PrintButton url={`/student-records/school-classes/${documentId}/roster.pdf`} filename={`花名册-${name}.pdf`} label="打印花名册（PDF）" />,
  };
};
