import { ReadConnection } from '../consistency/read-connection';
import type { DataSource } from '../datasource/typeorm-types';
import type { ClassValidatorApi } from '../validation/class-validator-api';
import type { CheckSelection } from '../declarations/checks';
import { RowValidator, type Validator } from '../validation/row-validator';
import type { ValidatorOptions } from '../validation/validator-options';
import { tableChecks } from './table-checks';
import { TableScanner, type ScanSettings } from './table-scanner';

export interface SessionSettings extends ScanSettings {
  validatorOptions: ValidatorOptions;
  /** What is checked, per table (default: validators and every declaration). */
  checks?: CheckSelection;
  /** Read only the rows a SQL prefilter cannot prove valid (default); false reads every row. */
  pushdown?: boolean;
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
      const { validator, declarations, prefilter } = tableChecks(this.dataSource, this.classValidator, this.settings, table, () => this.rowValidator());
      scanner = new TableScanner(this.connection, table, validator, this.settings, declarations, prefilter);
      this.scanners.set(table, scanner);
    }
    return scanner;
  }

  private rowValidator(): Validator {
    this.validator ??= new RowValidator(this.classValidator!, this.settings.validatorOptions);
    return this.validator;
  }

  /** Ends the read transaction and returns the connection; the DataSource stays open. */
  close(): Promise<void> {
    return this.connection.close();
  }
}
