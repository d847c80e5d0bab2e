import { z } from 'zod';

/**
 * Reading what someone entered in a modal: `view.state.values`, keyed by
 * block_id then action_id. Each input here uses the same string for both.
 */
const elementStateSchema = z.object({
  type: z.string(),
  value: z.string().nullish(),
  selected_option: z.object({ value: z.string() }).nullish(),
  selected_options: z.array(z.object({ value: z.string() })).nullish(),
  selected_user: z.string().nullish(),
});

export const viewStateSchema = z.record(z.string(), z.record(z.string(), elementStateSchema));
export type ViewState = z.infer<typeof viewStateSchema>;

export class FormValues {
  readonly #state: ViewState;

  constructor(state: ViewState) {
    this.#state = state;
  }

  #element(id: string): z.infer<typeof elementStateSchema> | undefined {
    return this.#state[id]?.[id];
  }

  /** Typed text, trimmed; '' when empty or absent. */
  text(id: string): string {
    return this.#element(id)?.value?.trim() ?? '';
  }

  selected(id: string): string | undefined {
    return this.#element(id)?.selected_option?.value;
  }

  selectedMany(id: string): string[] {
    return this.#element(id)?.selected_options?.map((o) => o.value) ?? [];
  }

  user(id: string): string | undefined {
    return this.#element(id)?.selected_user ?? undefined;
  }
}

/** Problems keyed by block_id, as `response_action: 'errors'` wants them. */
export type FormErrors = Record<string, string>;

export type FormResult<T> = { ok: true; value: T } | { ok: false; errors: FormErrors };

/** What a modal carries between opening and submission. */
export const formMetadataSchema = z.object({
  /** The channel the form was opened from, or the network's channel. */
  c: z.string().min(1),
  /** Action ID and version, for an update form. */
  id: z.string().optional(),
  v: z.string().optional(),
  /** Opened from the App Home, which is refreshed after saving. */
  h: z.boolean().optional(),
});
export type FormMetadata = z.infer<typeof formMetadataSchema>;

export function parseMetadata(text: string | undefined): FormMetadata | undefined {
  try {
    const parsed = formMetadataSchema.safeParse(JSON.parse(text ?? ''));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export const TEXT_MAX = 2000;
