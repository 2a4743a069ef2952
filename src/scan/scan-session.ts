import type { DataSource } from '../datasource/typeorm-types';
import type { ClassValidatorApi } from '../validation/class-validator-api';
import { RowValidator, type ValidatorOptions } from '../validation/row-validator';
import { TableScanner, type ScanSettings } from './table-scanner';

export interface SessionSettings extends ScanSettings {
  validatorOptions: ValidatorOptions;
}

/** One process's open DataSource with a scanner per table, built on first use. */
export class ScanSession {
  private readonly scanners = new Map<string, TableScanner>();
  private validator: RowValidator | undefined;

  constructor(
    readonly dataSource: DataSource,
    private readonly classValidator: ClassValidatorApi | undefined,
    private readonly settings: SessionSettings,
  ) {}

  scanner(table: string): TableScanner {
    let scanner = this.scanners.get(table);
    if (!scanner) {
      if (!this.classValidator) throw new Error('class-validator is not installed in this project, so no table has validators');
      this.validator ??= new RowValidator(this.classValidator, this.settings.validatorOptions);
      scanner = new TableScanner(this.dataSource, table, this.validator, this.settings);
      this.scanners.set(table, scanner);
    }
    return scanner;
  }

  async close(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
