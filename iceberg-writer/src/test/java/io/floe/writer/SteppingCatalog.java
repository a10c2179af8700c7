package io.floe.writer;

import java.util.List;
import org.apache.iceberg.BaseTable;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * A catalog that hands out its tables with their operations wrapped, for tests that step into a
 * table's refreshes and commits (a race, a lost answer) and make them certain.
 */
abstract class SteppingCatalog implements Catalog {
  private final Catalog catalog;

  SteppingCatalog(Catalog catalog) {
    this.catalog = catalog;
  }

  /** The operations a loaded table gets instead of {@code operations}. */
  abstract TableOperations stepping(TableOperations operations);

  @Override
  public Table loadTable(TableIdentifier identifier) {
    BaseTable table = (BaseTable) catalog.loadTable(identifier);
    return new BaseTable(stepping(table.operations()), table.name());
  }

  @Override
  public List<TableIdentifier> listTables(Namespace namespace) {
    return catalog.listTables(namespace);
  }

  @Override
  public boolean dropTable(TableIdentifier identifier, boolean purge) {
    return catalog.dropTable(identifier, purge);
  }

  @Override
  public void renameTable(TableIdentifier from, TableIdentifier to) {
    catalog.renameTable(from, to);
  }
}
