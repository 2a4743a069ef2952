import { ReadConnection } from '../consistency/read-connection';
import type { DataSource } from '../datasource/typeorm-types';
import type { ClassValidatorApi } from '../validation/class-validator-api';
import { RowValidator } from '../validation/row-validator';
import type { ValidatorOptions } from '../validation/validator-options';
import { TableScanner, type ScanSettings } from './table-scanner';

export interface SessionSettings extends ScanSettings {
  validatorOptions: ValidatorOptions;
}

/**
 * One process's scanning: its read connection (one transaction for the whole run, see
 * ReadConnection) with a scanner per table, built on first use.
 */
export class ScanSession {
  private readonly scanners = new Map<string, TableScanner>();
  private validator: RowValidator | undefined;

  private constructor(
    private readonly connection: ReadConnection,
    private readonly classValidator: ClassValidatorApi | undefined,
    private readonly settings: SessionSettings,
  ) {}

  /** `snapshotId`: the PostgreSQL snapshot the manager exported, to read exactly what it sees. */
  static async open(
    dataSource: DataSource,
    classValidator: ClassValidatorApi | undefined,
    settings: SessionSettings,
    snapshotId: string | null = null,
  ): Promise<ScanSession> {
    return new ScanSession(await ReadConnection.open(dataSource, snapshotId), classValidator, settings);
  }

  get dataSource(): DataSource {
    return this.connection.dataSource;
  }

  scanner(table: string): TableScanner {
    let scanner = this.scanners.get(table);
    if (!scanner) {
      if (!this.classValidator) throw new Error('class-validator is not installed in this project, so no table has validators');
      this.validator ??= new RowValidator(this.classValidator, this.settings.validatorOptions);
      scanner = new TableScanner(this.connection, table, this.validator, this.settings);
      this.scanners.set(table, scanner);
    }
    return scanner;
  }

  /** Ends the read transaction and returns the connection; the DataSource stays open. */
  close(): Promise<void> {
    return this.connection.close();
  }
}
