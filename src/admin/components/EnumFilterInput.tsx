/**
 * The value input of an enumeration filter in the Content Manager's list (a select of the values
 * by their Chinese names). Given as the filter's own `input`, it also makes the filter's tag name
 * the value (`记录状态 等于 已认定`): Strapi's tag prints the stored code unless the filter has an
 * input with options.
 */
import { SingleSelect, SingleSelectOption } from '@strapi/design-system';
import { useField } from '@strapi/strapi/admin';

interface Props {
  name: string;
  options?: Array<{ label?: string; value: string } | string>;
  'aria-label'?: string;
}

export const EnumFilterInput = ({ name, options = [], 'aria-label': ariaLabel }: Props) => {
  const field = useField<string>(name);
  return (
    <SingleSelect aria-label={ariaLabel} placeholder="请选择" value={field.value ?? ''} onChange={(value: string | number) => field.onChange(name, String(value))}>
      {options.map((option) => {
        const { value, label } = typeof option === 'string' ? { value: option, label: option } : option;
        return (
          <SingleSelectOption key={value} value={value}>
            {label ?? value}
          </SingleSelectOption>
        );
      })}
    </SingleSelect>
  );
};
