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

describe('the report', () => {
  it('names the classes validated by class-validator itself, whatever --procs is', async () => {
    const { TempDir } = await import('./helpers/temp-project');
    const { runJson, runCli } = await import('./helpers/run-cli');
    const project = new TempDir('fallback');
    try {
      project.write({
        'validate-records.config.json': JSON.stringify({ dataSource: './data-source.js', validatorOptions: { whitelist: true } }),
        'data-source.js': `
          const { DataSource, EntitySchema } = require('typeorm');
          const { IsString } = require('class-validator');
          class Note {}
          IsString()(Note.prototype, 'text');
          const schema = new EntitySchema({ name: 'Note', target: Note, tableName: 'notes',
            columns: { id: { type: Number, primary: true }, text: { type: 'text', nullable: true } } });
          module.exports = new DataSource({ type: 'better-sqlite3', database: __dirname + '/app.sqlite', entities: [schema] });
        `,
      });
      const Database = (await import('better-sqlite3')).default;
      const db = new Database(project.path('app.sqlite'));
      db.exec(`CREATE TABLE notes (id integer PRIMARY KEY, text text); INSERT INTO notes VALUES (1, 'a'), (2, NULL);`);
      db.close();
      for (const procs of ['1', '2']) {
        const { code, report } = await runJson(['--procs', procs, '--exact-procs'], { cwd: project.dir });
        expect(code).toBe(1);
        expect(report.tables[0].invalidRows).toBe(1);
        expect(report.validation.fallbackClasses).toEqual([{ className: 'Note', reason: expect.stringContaining('whitelist') }]);
      }
      const text = await runCli(['--procs', '1', '--no-progress'], { cwd: project.dir });
      expect(text.stdout).toMatch(/note: Note is validated by class-validator itself .*whitelist/);
    } finally {
      project.cleanup();
    }
  });
});
