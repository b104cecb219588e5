/**
 * The value input of a relation filter (matched on the related record's main field, e.g. 班级
 * 等于 计算机2601班) on the lists that offer their own filters (ONLY_FILTERS): Strapi's own text
 * input is handed the filter's `mainField` and puts it on the <input> element (a React warning in
 * the console whenever the filter dialog opens on such a filter).
 */
import { TextInput } from '@strapi/design-system';
import { useField } from '@strapi/strapi/admin';

interface Props {
  name: string;
  'aria-label'?: string;
}

export const TextFilterInput = ({ name, 'aria-label': ariaLabel }: Props) => {
  const field = useField<string>(name);
  return <TextInput aria-label={ariaLabel} placeholder="输入名称" value={field.value ?? ''} onChange={(event: React.ChangeEvent<HTMLInputElement>) => field.onChange(name, event.target.value)} />;
};
