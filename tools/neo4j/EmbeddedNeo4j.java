// Embedded Neo4j Community with a Bolt connector, run without a compile step:
//   java -cp 'tools/neo4j/lib/*' tools/neo4j/EmbeddedNeo4j.java <homeDir> <boltPort> [pageCache=64m]
// Prints exactly one stdout line "NEO4J_READY bolt://127.0.0.1:<port>" once queries can run.
// Exits (shutting down cleanly) on SIGTERM/SIGINT or when stdin reaches EOF, so a parent that
// dies without cleaning up cannot leave an orphaned JVM behind (the launcher keeps stdin piped).
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;
import org.neo4j.logging.NullLogProvider;

public class EmbeddedNeo4j {
    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: EmbeddedNeo4j <homeDir> <boltPort> [pageCache=64m]");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        long pageCache = ByteUnit.parse(args.length > 2 ? args[2] : "64m");
        // Tie transaction memory to -Xmx so a big query fails with a clear Neo4j error instead of an OOM.
        long heap = Runtime.getRuntime().maxMemory();

        // Started before build() so a parent that dies during the (slow) start-up is noticed too.
        Thread stdinWatch = new Thread(() -> {
            try {
                while (System.in.read() != -1) { /* ignore input */ }
            } catch (Exception ignored) {
                // a broken stdin means the parent is gone too
            }
            System.exit(0); // runs the shutdown hook
        }, "stdin-eof-watch");
        stdinWatch.setDaemon(true);
        stdinWatch.start();

        DatabaseManagementService dbms;
        try {
            dbms = new DatabaseManagementServiceBuilder(home)
                    .setUserLogProvider(NullLogProvider.getInstance()) // debug.log still goes to <home>/logs
                    .setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                    .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                    .setConfig(HttpConnector.enabled, false)
                    .setConfig(HttpsConnector.enabled, false)
                    .setConfig(GraphDatabaseSettings.auth_enabled, false)
                    .setConfig(GraphDatabaseSettings.udc_enabled, false) // dbms.usage_report.enabled
                    .setConfig(GraphDatabaseSettings.pagecache_memory, pageCache)
                    .setConfig(GraphDatabaseSettings.memory_transaction_global_max_size, heap / 2)
                    .setConfig(GraphDatabaseSettings.memory_transaction_max_size, heap / 4)
                    // Otherwise every database fallocates a 256 MiB tx log up front: slow and wasteful for temp dirs.
                    .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                    // Bolt's netty shutdown otherwise idles 2x5 s, which makes every test run 10 s slower.
                    .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                    .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(5))
                    .build();
        } catch (Throwable t) {
            t.printStackTrace();
            Throwable root = t;
            while (root.getCause() != null) root = root.getCause();
            System.err.println("NEO4J_FAILED " + root); // the useful part of a long trace, as the last line
            System.exit(1);
            return;
        }

        AtomicBoolean stopped = new AtomicBoolean();
        Runnable stop = () -> {
            if (stopped.compareAndSet(false, true)) dbms.shutdown();
        };
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "neo4j-shutdown"));

        var db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        if (!db.isAvailable(120_000)) {
            System.err.println("default database did not become available");
            System.exit(1);
        }
        db.executeTransactionally("RETURN 1");

        System.out.println("NEO4J_READY bolt://127.0.0.1:" + port);
        System.out.flush();
    }
}
