import { Alert, type FormInstance } from 'antd';
import { useState } from 'react';
import { ApiFailure, fieldReasons } from '../api/errors';

type FieldName = Parameters<FormInstance['setFields']>[0][number]['name'];

/** A refusal as a form shows it: the API's message, the reasons that name no field, and how many fields got theirs. */
export interface FormRefusal {
  message: string;
  general: string[];
  besideFields: number;
}

/** The field of a form with these (top-level) names that an API path names, or null. */
export const fieldsNamed =
  <Name extends string>(names: readonly Name[]) =>
  (path: string): Name | null =>
    (names as readonly string[]).includes(path) ? (path as Name) : null;

/** Clears what the last refusal put beside the form's fields. */
export function clearRefusal(form: FormInstance): void {
  form.setFields(form.getFieldsError().flatMap((f) => (f.errors.length ? [{ name: f.name, errors: [] }] : [])));
}

/**
 * Puts each reason of a refusal beside its field (`fieldOf` maps the API's path to the form's field, null for
 * none) and returns the rest for the top of the form; `labelOf` names a path whose reason goes to the top.
 */
export function placeRefusal<Name extends FieldName>(
  form: FormInstance,
  error: unknown,
  fieldOf: (path: string) => Name | null,
  labelOf: (path: string) => string = (path) => path,
): FormRefusal {
  const failure = error instanceof ApiFailure ? error : new ApiFailure(0, undefined);
  const reasons = fieldReasons<Name>(failure.body, fieldOf, labelOf);
  form.setFields(reasons.byField.map(({ name, messages }) => ({ name, errors: messages })));
  return { message: failure.message, general: reasons.general, besideFields: reasons.byField.length };
}

/**
 * A form's submit whose refusal goes beside its fields: `submitting` while `send` runs (the last refusal cleared
 * first), then `refusal` for <RefusalAlert> if the API refused, each reason placed by `fieldOf` (as for
 * `placeRefusal`).
 */
export function useRefusableSubmit<Name extends FieldName>(
  form: FormInstance,
  fieldOf: (path: string) => Name | null,
  labelOf?: (path: string) => string,
) {
  const [submitting, setSubmitting] = useState(false);
  const [refusal, setRefusal] = useState<FormRefusal | null>(null);
  async function run(send: () => Promise<void>): Promise<void> {
    setSubmitting(true);
    setRefusal(null);
    clearRefusal(form);
    try {
      await send();
    } catch (error) {
      setRefusal(placeRefusal(form, error, fieldOf, labelOf));
    } finally {
      setSubmitting(false);
    }
  }
  return { submitting, refusal, run };
}

/** The top of a refused form: the reasons that name no field, and where the others are; what was typed stays. */
export function RefusalAlert({ refusal }: { refusal: FormRefusal | null }) {
  if (!refusal) return null;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title="提交未通过"
      description={
        <>
          {refusal.general.length > 0 && (
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {refusal.general.map((reason) => (
                <li key={reason}>{reason}</li>
              ))}
            </ul>
          )}
          {refusal.besideFields > 0
            ? `有 ${refusal.besideFields} 处填写不合格：请按字段旁的红字修改后重新提交；已填写的内容都还在。`
            : !refusal.general.length && `${refusal.message}。已填写的内容都还在。`}
        </>
      }
      style={{ marginBottom: 16 }}
    />
  );
}
