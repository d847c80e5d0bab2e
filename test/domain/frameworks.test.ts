import { describe, expect, it } from 'vitest';
import { prioritiesOf, frameworkFileSchema } from '../../src/domain/frameworks.ts';
import { parseFrameworkText } from '../../src/framework-file.ts';
import { UserError } from '../../src/errors.ts';
import { shippedFrameworks } from '../harness.ts';

describe('shipped frameworks', () => {
  it('has the codes the seeds define', async () => {
    const catalogue = await shippedFrameworks();
    const codes = (f: string): string[] => prioritiesOf(catalogue.framework(f)!).filter((p) => !p.parentCode).map((p) => p.code);
    expect(codes('CSW1920')).toEqual(['CSW1920.1', 'CSW1920.2', 'CSW1920.3', 'CSW1920.4']);
    expect(codes('PSWN1920')).toEqual([1, 2, 3, 4, 5, 6].map((n) => `PSWN1920.${n}`));
    expect(codes('CSW2122')).toEqual([1, 2, 3, 4, 5, 6, 7].map((n) => `CSW2122.${n}`));
    expect(codes('LGA')).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((n) => `LGA.${n}`));
    expect(catalogue.priority('CSW2122.1')!.title).toMatch(/^Transitional safeguarding/);
    expect(catalogue.priority('CSW2122.7')!.title).toMatch(/WRES/);
    expect(catalogue.priority('PSW2123.1.3')).toMatchObject({ title: 'Safeguarding', themeTitle: 'Practice' });
    expect(catalogue.priority('psw2123.2.4')!.code).toBe('PSW2123.2.4');
    expect(catalogue.priority('CSW2122.4.1')!.parentCode).toBe('CSW2122.4');
  });
});

const VALID_YAML = `schema: psw-framework/1
code: CSW2425
title: "Chief Social Worker for Adults: priorities for 2024/25"
owner: Chief Social Worker for Adults (DHSC)
published: 2024-04-01
period: { start: 2024-04-01, end: 2025-03-31 }
source: CSW annual report 2023 to 2024
priorities:
  - code: CSW2425.1
    title: Strengths-based practice
  - code: CSW2425.2
    title: Safeguarding
    subItems:
      - code: CSW2425.2.1
        title: Transitional safeguarding
`;

function importError(text: string): string {
  try {
    parseFrameworkText('CSW2425.yaml', text, frameworkFileSchema);
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return (error as UserError).message;
  }
  throw new Error('expected the file to be refused');
}

describe('framework files', () => {
  it('reads a valid YAML file, with unquoted dates kept as written', () => {
    const f = parseFrameworkText('CSW2425.yaml', VALID_YAML, frameworkFileSchema);
    expect(f.period).toEqual({ start: '2024-04-01', end: '2025-03-31' });
    expect(prioritiesOf(f).map((p) => p.code)).toEqual(['CSW2425.1', 'CSW2425.2', 'CSW2425.2.1']);
  });

  it('names the line of a YAML syntax error', () => {
    expect(importError('schema: psw-framework/1\ncode: [unclosed\ntitle: x\n')).toMatch(/not valid YAML or JSON:\n- line \d+, column \d+/);
  });

  it('names the line and path of a schema problem', () => {
    const text = VALID_YAML.replace('    title: Safeguarding\n', '    title: ""\n').replace('code: CSW2425.2.1', 'code: CSW2425.9.1');
    const message = importError(text);
    expect(message).toMatch(/line 12, priorities\.1\.title: must not be empty/);
    expect(message).toMatch(/line 14, priorities\.1\.subItems\.0\.code: "CSW2425\.9\.1" should be "CSW2425\.2\." followed by a number/);
  });

  it('names an impossible date', () => {
    expect(importError(VALID_YAML.replace('published: 2024-04-01', 'published: 2024-02-30'))).toMatch(/line 5, published: must be a real date written YYYY-MM-DD/);
  });

  it('names a missing field at the object that should hold it', () => {
    expect(importError('{"schema":"psw-framework/1","code":"X1","title":"t","owner":"o","published":"2024-01-01","period":{"start":"2024-01-01","end":"2024-12-31"},"priorities":[{"code":"X1.1","title":"p"}]}')).toMatch(/line 1, source: /);
  });
});
