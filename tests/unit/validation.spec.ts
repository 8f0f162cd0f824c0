import { ApiError } from '../../apps/api/src/common/api-error';
import { createValidationPipe } from '../../apps/api/src/common/validation';
import { SubmitPreparationRequest } from '../../apps/api/src/committees/committees.dto';

/** The request pipe's 400: every problem as a sentence, and beside its dotted field path for a form. */
describe('request validation', () => {
  // A missing nested object passes @ValidateNested alone; @IsDefined makes it required as the schema says.
  it('lists each problem in problems and in fieldErrors, nested fields by their dotted path', async () => {
    const refusal = await createValidationPipe()
      .transform(
        {
          meetingDate: '2026-13-40',
          covenant: { title: 'x', reference: 'files/a.pdf' },
          colour: 'red',
        },
        { type: 'body', metatype: SubmitPreparationRequest },
      )
      .catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ApiError);
    const { code, problems, fieldErrors } = refusal as ApiError;
    expect(code).toBe('VALIDATION_FAILED');
    expect(fieldErrors).toEqual([
      { field: 'colour', message: '是不允许的字段' },
      { field: 'meetingDate', message: '必须是日期（YYYY-MM-DD）' },
      { field: 'covenant.title', message: '过短' },
      { field: 'meetingRules', message: '必须填写' },
    ]);
    expect(problems).toEqual(fieldErrors!.map(({ field, message }) => `${field} ${message}`));
  });
});
