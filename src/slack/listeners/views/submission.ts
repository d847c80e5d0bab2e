import { z } from 'zod';
import { UserError } from '../../../errors.ts';
import type { Logger } from '../../../logger.ts';
import { DuplicateRequestError } from '../../request-guard.ts';
import { FormValues, parseMetadata, viewStateSchema, type FormErrors, type FormMetadata } from '../../views/form-values.ts';

/** The parts of a view_submission payload the forms rely on. */
const submissionSchema = z.object({
  user: z.object({ id: z.string().regex(/^[UW][A-Z0-9]+$/) }),
  view: z.object({
    id: z.string().min(1),
    private_metadata: z.string().optional(),
    state: z.object({ values: viewStateSchema }),
    blocks: z.unknown().optional(),
  }),
});

export interface Submission {
  userId: string;
  viewId: string;
  metadata: FormMetadata;
  values: FormValues;
  blocks: unknown;
}

export function readSubmission(body: unknown): Submission | undefined {
  const parsed = submissionSchema.safeParse(body);
  const metadata = parsed.success ? parseMetadata(parsed.data.view.private_metadata) : undefined;
  if (!parsed.success || !metadata) return undefined;
  const { user, view } = parsed.data;
  return { userId: user.id, viewId: view.id, metadata, values: new FormValues(view.state.values), blocks: view.blocks };
}

/** Which field a refusal from a use case belongs under; others go under `fallback`, the form's first field. */
export function errorsFor(error: UserError, byCode: Partial<Record<UserError['code'], string>>, fallback: string): FormErrors {
  return { [byCode[error.code] ?? fallback]: error.message };
}

export function damagedForm(firstField: string, log: Logger): { response_action: 'errors'; errors: FormErrors } {
  log.warn({ code: 'malformed-payload' }, 'form submission refused');
  return { response_action: 'errors', errors: { [firstField]: 'This form reached me damaged, so nothing was saved. Close it and open it again.' } };
}

export const SOMETHING_WENT_WRONG = 'Something went wrong on our side, and nothing was saved. Please try again.';

/**
 * How a form answers Slack when saving it threw: nothing for a repeated
 * submission (the first one saved), the refusal against its field, or a
 * plain failure against the fallback field. Nothing was saved in any case.
 */
export function refusedForm(error: unknown, byCode: Partial<Record<UserError['code'], string>>, fallback: string, log: Logger): { response_action: 'errors'; errors: FormErrors } | undefined {
  if (error instanceof DuplicateRequestError) {
    log.info({ code: error.code }, 'repeated form submission ignored');
    return undefined;
  }
  if (error instanceof UserError) {
    log.info({ code: error.code }, 'form refused');
    return { response_action: 'errors', errors: errorsFor(error, byCode, fallback) };
  }
  log.error({ err: error }, 'form could not be saved');
  return { response_action: 'errors', errors: { [fallback]: SOMETHING_WENT_WRONG } };
}
