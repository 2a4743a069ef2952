import * as path from 'node:path';
import { IsString, ValidateBy } from 'class-validator';
import { describe, expect, it } from 'vitest';
import { loadClassValidator } from '../src/validation/class-validator-api';
import { RowValidator } from '../src/validation/row-validator';

// A validator that answers with a promise without declaring itself async: validate() waits
// for it, validateSync() would drop it.
const SlowlyFalse = () => ValidateBy({ name: 'slowlyFalse', validator: { validate: () => Promise.resolve(false) } });

class Gadget {
  @IsString() name: unknown;
  @SlowlyFalse() code: unknown;
}

const api = loadClassValidator(path.join(__dirname, '..', 'package.json'))!;

function gadget(values: Partial<Gadget>): Gadget {
  return Object.assign(Object.create(Gadget.prototype), values);
}

describe('classes validated by class-validator itself (fallback)', () => {
  it('are reported with their reason', () => {
    const validator = new RowValidator(api, { whitelist: true });
    void validator.validate(gadget({ name: 'x', code: 1 }));
    expect(validator.fallbackClasses()).toEqual([{ className: 'Gadget', reason: expect.stringContaining('whitelist') }]);
  });

  it('wait for validators that return a promise without being declared async', async () => {
    const validator = new RowValidator(api, { whitelist: true });
    const findings = await validator.validate(gadget({ name: 7, code: 1 }));
    expect(findings.map((f) => `${f.property}:${f.constraint}`)).toEqual(['name:isString', 'code:slowlyFalse']);
  });

  it('give the same findings as the compiled plan', async () => {
    const planned = await new RowValidator(api).validate(gadget({ name: 7, code: 1 }));
    const fallback = await new RowValidator(api, { whitelist: true }).validate(gadget({ name: 7, code: 1 }));
    expect(fallback).toEqual(planned);
  });
});
