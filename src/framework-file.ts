import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { UserError } from './errors.ts';

/**
 * Parses a framework file (YAML, or JSON, which is YAML too) and validates it,
 * naming the line and path of each problem so a co-chair can fix the file
 * without reading code.
 */
export function parseFrameworkText<T>(sourceName: string, content: string, schema: z.ZodType<T>): T {
  const lineCounter = new LineCounter();
  const doc = parseDocument(content, { lineCounter, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const problems = doc.errors.slice(0, 5).map((e) => {
      const line = e.linePos?.[0];
      return `- ${line ? `line ${line.line}, column ${line.col}` : 'somewhere'}: ${e.message.split('\n')[0]}`;
    });
    throw new UserError('invalid-file', `${sourceName} is not valid YAML or JSON:\n${problems.join('\n')}`);
  }
  const result = schema.safeParse(doc.toJS());
  if (!result.success) {
    const problems = result.error.issues.slice(0, 10).map((issue) => {
      const node: unknown = issue.path.length > 0 ? doc.getIn(issue.path as (string | number)[], true) : doc.contents;
      const range = (node as { range?: [number, number, number] } | undefined)?.range ?? findParentRange(doc, issue.path);
      const where = range ? `line ${lineCounter.linePos(range[0]).line}` : 'top level';
      const path = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
      return `- ${where}, ${path}: ${issue.message}`;
    });
    throw new UserError('invalid-file', `${sourceName} is not a valid framework file:\n${problems.join('\n')}`);
  }
  return result.data;
}

/** A missing key has no node of its own; point at the object that should hold it. */
function findParentRange(doc: ReturnType<typeof parseDocument>, path: PropertyKey[]): [number, number, number] | undefined {
  for (let n = path.length - 1; n >= 0; n--) {
    const node: unknown = n === 0 ? doc.contents : doc.getIn(path.slice(0, n) as (string | number)[], true);
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    if (range) return range;
  }
  return undefined;
}
