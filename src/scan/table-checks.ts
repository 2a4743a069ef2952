import type { DataSource } from '../datasource/typeorm-types';
import { checksFor, DEFAULT_CHECKS, type CheckSelection } from '../declarations/checks';
import { compileDeclarations } from '../declarations/compile-declarations';
import { DeclarationQuery } from '../declarations/declaration-query';
import { findTableMetadata, tableClasses } from '../inventory/entity-tables';
import { tablePrefilter, type TablePrefilter } from '../pushdown/table-prefilter';
import { dialectOf } from '../rules';
import type { ClassValidatorApi } from '../validation/class-validator-api';
import { hasValidators } from '../validation/has-validators';
import { NO_VALIDATION, RowValidator, type Validator } from '../validation/row-validator';
import type { ValidatorOptions } from '../validation/validator-options';

/** The settings that choose a table's checks (a part of SessionSettings). */
export interface TableCheckSettings {
  checks?: CheckSelection;
  pushdown?: boolean;
  withDeleted?: boolean;
  showValues: boolean;
  validatorOptions: ValidatorOptions;
}

/** What one table is checked with, and which of its rows are read. */
export interface TableChecks {
  /** NO_VALIDATION where no class of the table has a validator to run (or --checks leaves them out). */
  validator: Validator;
  /** The declaration checks the database runs, where the table has any. */
  declarations?: DeclarationQuery;
  /** With pushdown: the rows that could fail; `prefilter.sql` undefined means every row is read. */
  prefilter?: TablePrefilter;
}

/**
 * The table's checks as --checks and the entities' decorators select them, and its pushdown
 * prefilter. `rowValidator` gives the validator to share between tables (created on first use).
 */
export function tableChecks(
  dataSource: DataSource,
  classValidator: ClassValidatorApi | undefined,
  settings: TableCheckSettings,
  table: string,
  rowValidator: () => Validator,
): TableChecks {
  const metadata = findTableMetadata(dataSource, table);
  const checks = checksFor(settings.checks ?? DEFAULT_CHECKS, metadata.name, metadata.tablePath);
  const dialect = dialectOf(dataSource);
  const compiled = dialect && compileDeclarations(metadata, dialect.name, checks);
  const declarations = compiled?.length
    ? new DeclarationQuery(dataSource, dialect!, metadata, compiled, {
      withDeleted: settings.withDeleted ?? false,
      showValues: settings.showValues,
    })
    : undefined;
  const groups = settings.validatorOptions.groups as string[] | undefined;
  const validated = checks.includes('validators') && classValidator !== undefined &&
    tableClasses(metadata).some((target) => hasValidators(classValidator, target, groups));
  const validator = validated ? rowValidator() : NO_VALIDATION;
  // A table read for its declarations only is not hydrated: its prefilter is the declarations'.
  const prefilter = dialect && settings.pushdown !== false
    ? tablePrefilter(dataSource, dialect, metadata, validated ? validator.planFor?.bind(validator) : undefined, compiled ?? [], !validated)
    : undefined;
  return { validator, declarations, prefilter };
}

/** The tables whose rows a SQL prefilter narrows (pushdown proven for each of their classes): the pool's cost model reads them faster. */
export function prefilteredTables(
  dataSource: DataSource,
  classValidator: ClassValidatorApi | undefined,
  settings: TableCheckSettings,
  tables: string[],
): Set<string> {
  let validator: Validator | undefined;
  const shared = () => (validator ??= new RowValidator(classValidator!, settings.validatorOptions));
  return new Set(tables.filter((table) => tableChecks(dataSource, classValidator, settings, table, shared).prefilter?.sql !== undefined));
}
