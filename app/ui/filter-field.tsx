import type { ReactNode } from "react";

type FieldProps = {
  /** The control's id (the label points at it). */
  id: string;
  label: ReactNode;
  /** A smaller label, for dense report filter forms. */
  small?: boolean;
  className?: string;
};

/** A label above one control of a plain GET filter form (these forms only put their values in the URL). */
export function FilterField({ id, label, small, className, children }: FieldProps & { children: ReactNode }) {
  return (
    <div className={`space-y-1 ${className ?? ""}`}>
      <label htmlFor={id} className={`block font-semibold ${small ? "text-sm" : ""}`}>
        {label}
      </label>
      {children}
    </div>
  );
}

/** A labelled <select> of a plain form (a GET filter, or a one-choice setting); `value` is the current choice ("" for none). */
export function FilterSelect({ name, value, children, ...field }: FieldProps & { name: string; value?: string; children: ReactNode }) {
  return (
    <FilterField {...field}>
      <select id={field.id} name={name} defaultValue={value ?? ""} className="field-input">
        {children}
      </select>
    </FilterField>
  );
}
