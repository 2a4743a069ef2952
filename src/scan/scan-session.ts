import { ReadConnection } from '../consistency/read-connection';
import type { DataSource } from '../datasource/typeorm-types';
import type { ClassValidatorApi } from '../validation/class-validator-api';
import { checksFor, DEFAULT_CHECKS, type CheckSelection } from '../declarations/checks';
import { compileDeclarations } from '../declarations/compile-declarations';
import { DeclarationQuery } from '../declarations/declaration-query';
import { findTableMetadata } from '../inventory/entity-tables';
import { tablePrefilter } from '../pushdown/table-prefilter';
import { dialectOf } from '../rules';
import { NO_VALIDATION, RowValidator, type Validator } from '../validation/row-validator';
import type { ValidatorOptions } from '../validation/validator-options';
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
      const metadata = findTableMetadata(this.dataSource, table);
      const checks = checksFor(this.settings.checks ?? DEFAULT_CHECKS, metadata.name, metadata.tablePath);
      const dialect = dialectOf(this.dataSource);
      const declarations = dialect && compileDeclarations(metadata, dialect.name, checks);
      const query = declarations?.length
        ? new DeclarationQuery(this.dataSource, dialect!, metadata, declarations, {
          withDeleted: this.settings.withDeleted ?? false,
          showValues: this.settings.showValues,
        })
        : undefined;
      const validator = checks.includes('validators') ? this.rowValidator() : NO_VALIDATION;
      const planFor = validator.planFor?.bind(validator);
      const prefilter = dialect && this.settings.pushdown !== false
        ? tablePrefilter(this.dataSource, dialect, metadata, planFor, declarations ?? [])
        : undefined;
      scanner = new TableScanner(this.connection, table, validator, this.settings, query, prefilter);
      this.scanners.set(table, scanner);
    }
    return scanner;
  }

  /** Without class-validator installed no class has validators: the tables are scanned for their declarations only. */
  private rowValidator(): Validator {
    if (!this.classValidator) return NO_VALIDATION;
    this.validator ??= new RowValidator(this.classValidator, this.settings.validatorOptions);
    return this.validator;
  }

  /** Ends the read transaction and returns the connection; the DataSource stays open. */
  close(): Promise<void> {
    return this.connection.close();
  }
}
