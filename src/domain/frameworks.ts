import { z } from 'zod';
import { isLocalDate } from './local-date.ts';

/**
 * Priority frameworks: dated trees of priorities that a network's workplan
 * answers to (CSW annual priorities, the PSW network's own themes, the LGA
 * employer standards...). Codes are stable forever: actions store them.
 */
const code = z.string().regex(/^[A-Z][A-Z0-9]*(\.[0-9]+)*$/, 'must be capital letters and digits, with numbered parts after dots, e.g. CSW2425.3');
const isoDate = z.string().refine(isLocalDate, 'must be a real date written YYYY-MM-DD');
const title = z.string().trim().min(1, 'must not be empty').max(150, 'must be 150 characters or fewer');

const subItemSchema = z.strictObject({ code, title });
const prioritySchema = z.strictObject({
  code,
  title,
  summary: z.string().trim().max(600).optional(),
  subItems: z.array(subItemSchema).optional(),
});
const themeSchema = z.strictObject({ code, title, priorities: z.array(prioritySchema).min(1, 'a theme needs at least one priority') });

export const frameworkFileSchema = z.strictObject({
  schema: z.literal('psw-framework/1', { message: 'must be "psw-framework/1"' }),
  code: z.string().regex(/^[A-Z][A-Z0-9]*$/, 'must be capital letters and digits, e.g. CSW2425'),
  title,
  owner: z.string().trim().min(1),
  published: isoDate,
  period: z.strictObject({ start: isoDate, end: isoDate }),
  source: z.string().trim().min(1),
  themes: z.array(themeSchema).min(1).optional(),
  priorities: z.array(prioritySchema).min(1).optional(),
}).superRefine((f, ctx) => {
  if ((f.themes === undefined) === (f.priorities === undefined)) {
    ctx.addIssue({ code: 'custom', path: [], message: 'needs exactly one of "themes" or "priorities"' });
  }
  if (f.period.end < f.period.start) {
    ctx.addIssue({ code: 'custom', path: ['period', 'end'], message: 'is before period.start' });
  }
  const seen = new Set<string>();
  const checkCode = (nodeCode: string, parent: string, path: (string | number)[]): void => {
    if (!nodeCode.startsWith(`${parent}.`) || nodeCode.slice(parent.length + 1).includes('.')) {
      ctx.addIssue({ code: 'custom', path: [...path, 'code'], message: `"${nodeCode}" should be "${parent}." followed by a number` });
    }
    if (seen.has(nodeCode)) ctx.addIssue({ code: 'custom', path: [...path, 'code'], message: `"${nodeCode}" is used twice` });
    seen.add(nodeCode);
  };
  const checkPriorities = (priorities: Priority[], parent: string, path: (string | number)[]): void => {
    priorities.forEach((p, i) => {
      checkCode(p.code, parent, [...path, i]);
      p.subItems?.forEach((s, j) => checkCode(s.code, p.code, [...path, i, 'subItems', j]));
    });
  };
  f.themes?.forEach((t, i) => {
    checkCode(t.code, f.code, ['themes', i]);
    checkPriorities(t.priorities, t.code, ['themes', i, 'priorities']);
  });
  if (f.priorities) checkPriorities(f.priorities, f.code, ['priorities']);
});

export type Framework = z.infer<typeof frameworkFileSchema>;
type Priority = z.infer<typeof prioritySchema>;

/** One line of the flattened tree: what an action or workplan item may link to. */
export interface PriorityRef {
  code: string;
  title: string;
  frameworkCode: string;
  themeTitle: string | undefined;
  /** For a sub-item, the priority it belongs to; coverage counts it there. */
  parentCode: string | undefined;
}

export function prioritiesOf(framework: Framework): PriorityRef[] {
  const out: PriorityRef[] = [];
  const add = (priorities: Priority[], themeTitle: string | undefined): void => {
    for (const p of priorities) {
      out.push({ code: p.code, title: p.title, frameworkCode: framework.code, themeTitle, parentCode: undefined });
      for (const s of p.subItems ?? []) {
        out.push({ code: s.code, title: s.title, frameworkCode: framework.code, themeTitle, parentCode: p.code });
      }
    }
  };
  if (framework.themes) for (const t of framework.themes) add(t.priorities, t.title);
  if (framework.priorities) add(framework.priorities, undefined);
  return out;
}

/** The frameworks a deployment knows: shipped files plus those co-chairs imported. */
export class FrameworkCatalogue {
  readonly #frameworks = new Map<string, Framework>();
  readonly #priorities = new Map<string, PriorityRef>();
  readonly #themeCodes = new Map<string, string>();

  constructor(frameworks: Iterable<Framework>) {
    for (const f of frameworks) {
      this.#frameworks.set(f.code, f);
      for (const p of prioritiesOf(f)) this.#priorities.set(p.code, p);
      for (const t of f.themes ?? []) this.#themeCodes.set(t.code, t.title);
    }
  }

  all(): Framework[] {
    return [...this.#frameworks.values()].sort((a, b) => a.code.localeCompare(b.code));
  }

  framework(frameworkCode: string): Framework | undefined {
    return this.#frameworks.get(frameworkCode.toUpperCase());
  }

  priority(priorityCode: string): PriorityRef | undefined {
    return this.#priorities.get(priorityCode.toUpperCase());
  }

  themeTitle(themeCode: string): string | undefined {
    return this.#themeCodes.get(themeCode.toUpperCase());
  }

  with(framework: Framework): FrameworkCatalogue {
    return new FrameworkCatalogue([...this.#frameworks.values(), framework]);
  }
}

/** Frameworks a network answers to when nobody has said otherwise. */
export const DEFAULT_ADOPTED_FRAMEWORKS = ['CSW2122', 'PSW2123'] as const;
