import { ReadConnection } from '../consistency/read-connection';
import type { DataSource } from '../datasource/typeorm-types';
import type { ClassValidatorApi } from '../validation/class-validator-api';
import { checksFor, DEFAULT_CHECKS, type CheckSelection } from '../declarations/checks';
import { compileDeclarations } from '../declarations/compile-declarations';
import { DeclarationQuery } from '../declarations/declaration-query';
import { findTableMetadata, tableClasses } from '../inventory/entity-tables';
import { hasValidators } from '../validation/has-validators';
import { dialectOf } from '../rules';
import { NO_VALIDATION, RowValidator, type Validator } from '../validation/row-validator';
import type { ValidatorOptions } from '../validation/validator-options';
import { TableScanner, type ScanSettings } from './table-scanner';

export interface SessionSettings extends ScanSettings {
  validatorOptions: ValidatorOptions;
  /** What is checked, per table (default: validators and every declaration). */
  checks?: CheckSelection;
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
      const validated = checks.includes('validators') && this.classValidator !== undefined &&
        tableClasses(metadata).some((target) => hasValidators(this.classValidator!, target, this.groups()));
      scanner = new TableScanner(this.connection, table, validated ? this.rowValidator() : NO_VALIDATION, this.settings, query);
      this.scanners.set(table, scanner);
    }
    return scanner;
  }

  private rowValidator(): Validator {
    this.validator ??= new RowValidator(this.classValidator!, this.settings.validatorOptions);
    return this.validator;
  }

  private groups(): string[] | undefined {
    return this.settings.validatorOptions.groups as string[] | undefined;
  }

  /** Ends the read transaction and returns the connection; the DataSource stays open. */
  close(): Promise<void> {
    return this.connection.close();
  }
}
