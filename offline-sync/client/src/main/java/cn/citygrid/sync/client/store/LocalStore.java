package cn.citygrid.sync.client.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;

/**
 * The device's one SQLite file (WAL, {@code synchronous=FULL}, foreign keys on) plus a folder beside it for
 * attachment bytes ({@code <file>.attachments/}).
 *
 * <p>Invariants: one JDBC connection, used by one thread at a time (every access goes through
 * {@link #inTransaction} or {@link #read}, which hold a lock); a transaction either commits whole or leaves
 * nothing; a commit is durable when {@link #inTransaction} returns. One store per file per process: the sync
 * engine assumes no other process writes the file.
 */
public final class LocalStore implements AutoCloseable {
    private final Path file;
    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();

    /** Work against the connection; may throw SQLException, which the store wraps. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    private LocalStore(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    /** Opens (creating if needed) the store at {@code file} and applies pending migrations. */
    public static LocalStore open(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Files.createDirectories(attachmentDirOf(file));
            SQLiteConfig config = new SQLiteConfig();
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
            config.enforceForeignKeys(true);
            config.setBusyTimeout(10_000);
            config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            Connection c = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
            LocalStore store = new LocalStore(file, c);
            store.migrate();
            return store;
        } catch (SQLException | IOException e) {
            throw new StoreException("cannot open local store " + file + ": " + e.getMessage(), e);
        }
    }

    /** Runs {@code work} in one IMMEDIATE transaction: all of it commits, or (on any exception) none of it. */
    public <T> T inTransaction(SqlWork<T> work) {
        lock.lock();
        try {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("local store: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /** Runs read-only {@code work} outside an explicit transaction. */
    public <T> T read(SqlWork<T> work) {
        lock.lock();
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw new StoreException("local store: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    public Path file() {
        return file;
    }

    /** The folder holding attachment bytes, one file per SM3. */
    public Path attachmentDir() {
        return attachmentDirOf(file);
    }

    private static Path attachmentDirOf(Path file) {
        return file.toAbsolutePath().resolveSibling(file.getFileName() + ".attachments");
    }

    private void migrate() throws SQLException {
        int applied;
        try (Statement s = connection.createStatement(); var rs = s.executeQuery("PRAGMA user_version")) {
            applied = rs.getInt(1);
        }
        for (int i = applied; i < Schema.MIGRATIONS.size(); i++) {
            int version = i + 1;
            String[] statements = Schema.MIGRATIONS.get(i);
            inTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    for (String sql : statements) {
                        s.execute(sql);
                    }
                    s.execute("PRAGMA user_version = " + version);
                }
                return null;
            });
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StoreException("cannot close local store: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }
}
