/**
 * Checks a cron expression as node-cron reads it: five fields (minute hour
 * day-of-month month day-of-week) or six with seconds first. Used to stop
 * start-up on a mistyped schedule rather than fail later in the scheduler.
 */
interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
}

const SECOND: FieldSpec = { name: 'second', min: 0, max: 59 };
const FIELDS: readonly FieldSpec[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] },
  { name: 'day of week', min: 0, max: 7, names: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] },
];

/** Says what is wrong with the expression, or undefined when node-cron would accept it. */
export function cronProblem(expression: string): string | undefined {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5 && parts.length !== 6) {
    return `has ${parts.length} field${parts.length === 1 ? '' : 's'}; a cron expression has 5 (minute hour day month weekday) or 6 (with seconds first)`;
  }
  const specs = parts.length === 6 ? [SECOND, ...FIELDS] : FIELDS;
  for (const [i, part] of parts.entries()) {
    const problem = fieldProblem(part, specs[i]!);
    if (problem) return problem;
  }
  return undefined;
}

function fieldProblem(field: string, spec: FieldSpec): string | undefined {
  for (const item of field.split(',')) {
    const [range, step, extra] = item.split('/');
    if (extra !== undefined || range === undefined || range === '') return `has "${field}" as its ${spec.name}, which is not a valid list, range or step`;
    if (step !== undefined && !/^[1-9]\d*$/.test(step)) return `has a step "/${step}" in its ${spec.name}; a step is a whole number from 1`;
    if (range === '*') continue;
    const ends = range.split('-');
    if (ends.length > 2) return `has "${range}" as its ${spec.name}, which is not a valid range`;
    const values = ends.map((e) => valueOf(e, spec));
    if (values.some((v) => v === undefined)) return `has "${range}" as its ${spec.name}; use ${spec.min}-${spec.max}${spec.names ? ` or ${spec.names[0]}-${spec.names.at(-1)}` : ''}`;
    if (values.length === 2 && values[0]! > values[1]!) return `has the range "${range}" in its ${spec.name} backwards`;
  }
  return undefined;
}

function valueOf(text: string, spec: FieldSpec): number | undefined {
  const named = spec.names?.indexOf(text.toLowerCase()) ?? -1;
  if (named >= 0) return named + (spec.name === 'month' ? 1 : 0);
  if (!/^\d{1,2}$/.test(text)) return undefined;
  const n = Number(text);
  return n >= spec.min && n <= spec.max ? n : undefined;
}
