package io.floe.writer.table;

import io.floe.translator.table.KafkaColumns;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.iceberg.BaseTable;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.NoSuchNamespaceException;
import org.apache.iceberg.exceptions.NoSuchTableException;

/**
 * Finds the table of a topic, creating it with {@link KafkaTableLayout} when it does not exist and
 * adopting it as it is (spec, sort order, properties) when it does, once its schema passes
 * {@link KafkaColumnsCheck}, with the fields of a newer Floe added ({@link KafkaColumnsUpgrade}). Each table is loaded once and kept.
 */
public final class TableResolver {
  private final Catalog catalog;
  private final CommitListener commits;
  private final ConcurrentMap<TableIdentifier, TopicTable> tables = new ConcurrentHashMap<>();

  public TableResolver(Catalog catalog) {
    this(catalog, CommitListener.NONE);
  }

  /** @param commits hears of every commit attempt to the tables resolved */
  public TableResolver(Catalog catalog, CommitListener commits) {
    this.catalog = catalog;
    this.commits = commits;
  }

  /**
   * @throws IncompatibleTableException if the existing table cannot hold Floe's rows, or holds
   *     another topic's: a table's pending transactions and the Kafka view are kept per partition
   *     number, so two topics in one table would mix them
   */
  public TopicTable resolve(TableIdentifier identifier, String topic, String topicId) {
    // computeIfAbsent runs one load-or-create per table at a time: the partitions of a new topic
    // wait for the first one's table instead of racing to create it.
    TopicTable resolved = tables.computeIfAbsent(identifier, id -> {
      Table table = loadOrCreate(id, topic, topicId);
      String holds = table.properties().getOrDefault(KafkaTableLayout.TOPIC_PROPERTY, topic);
      return new TopicTable(id, holds, observed(table, holds));
    });
    if (!resolved.topic().equals(topic)) {
      throw new IncompatibleTableException(String.format("Table %s holds topic %s (its property %s), not %s: "
          + "give each topic a table of its own", identifier, resolved.topic(), KafkaTableLayout.TOPIC_PROPERTY, topic));
    }
    return resolved;
  }

  /** The tables resolved so far, each with the topic it holds. */
  public Map<TableIdentifier, String> resolved() {
    Map<TableIdentifier, String> resolved = new TreeMap<>(Comparator.comparing(TableIdentifier::toString));
    tables.forEach((identifier, table) -> resolved.put(identifier, table.topic()));
    return resolved;
  }

  /**
   * The table loaded afresh, for work beside the uploads (maintenance): its own copy, so that its
   * refreshes never move the table under an upload, with its commits taking the lock the uploads
   * of a table resolved here take, and heard by the listener as theirs are.
   *
   * @throws NoSuchTableException if the catalog does not have it
   */
  public Table loadBeside(TableIdentifier identifier) {
    Table table = catalog.loadTable(identifier);
    TopicTable resolved = tables.get(identifier);
    if (resolved != null && table instanceof BaseTable base) {
      return new BaseTable(new ObservedOperations(new LockedOperations(reconciled(base), resolved.lock()),
          resolved.topic(), commits), base.name(), base.reporter());
    }
    return table;
  }

  /** Drops the kept table, so that the next upload loads it again (say, after it was dropped). */
  public void forget(TableIdentifier identifier) {
    tables.remove(identifier);
  }

  private Table loadOrCreate(TableIdentifier identifier, String topic, String topicId) {
    try {
      return adopt(identifier, catalog.loadTable(identifier));
    } catch (NoSuchTableException | NoSuchNamespaceException e) {
      return create(identifier, topic, topicId);
    }
  }

  private Table create(TableIdentifier identifier, String topic, String topicId) {
    createNamespace(identifier.namespace());
    Schema schema = KafkaColumns.SCHEMA;
    try {
      return catalog.buildTable(identifier, schema)
          .withPartitionSpec(KafkaTableLayout.spec(schema))
          .withSortOrder(KafkaTableLayout.sortOrder(schema))
          .withProperties(KafkaTableLayout.properties(topic, topicId))
          .create();
    } catch (AlreadyExistsException e) {
      // Another broker created it first.
      return adopt(identifier, catalog.loadTable(identifier));
    }
  }

  private void createNamespace(Namespace namespace) {
    if (catalog instanceof SupportsNamespaces namespaces && !namespaces.namespaceExists(namespace)) {
      try {
        namespaces.createNamespace(namespace);
      } catch (AlreadyExistsException e) {
        // Created meanwhile: what was wanted.
      } catch (RuntimeException e) {
        // Some catalogs report a namespace another broker created meanwhile as a failed insert
        // (JDBC on PostgreSQL: a duplicate key) rather than as AlreadyExistsException.
        if (!namespaces.namespaceExists(namespace)) {
          throw e;
        }
      }
    }
  }

  /**
   * The table with its commits reconciled and heard by the listener, when the catalog's table lets
   * its operations be wrapped.
   */
  private Table observed(Table table, String topic) {
    if (table instanceof BaseTable base) {
      return new BaseTable(new ObservedOperations(reconciled(base), topic, commits), base.name(), base.reporter());
    }
    return table;
  }

  /** The table's operations, finding out whether a failed commit landed all the same. */
  private static ReconciledOperations reconciled(BaseTable table) {
    return new ReconciledOperations(table.operations(), table.name());
  }

  private static Table adopt(TableIdentifier identifier, Table table) {
    KafkaColumnsCheck.problem(KafkaColumnsUpgrade.upgraded(table)).ifPresent(problem -> {
      throw new IncompatibleTableException("Table " + identifier + " cannot hold Kafka records: " + problem);
    });
    KafkaColumnsUpgrade.apply(table);
    return table;
  }
}
