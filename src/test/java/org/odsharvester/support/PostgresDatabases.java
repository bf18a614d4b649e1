package org.odsharvester.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * Fresh databases on the PostgreSQL server named by {@code ODS_HARVESTER_TEST_POSTGRES_URL}
 * ({@code .ci/run} starts one on loopback and sets it). Tests that need it are enabled only when it is set.
 */
public final class PostgresDatabases {

    public static final String URL_VARIABLE = "ODS_HARVESTER_TEST_POSTGRES_URL";
    public static final String USER = "postgres";

    private PostgresDatabases() {
    }

    /** Creates an empty database and returns its JDBC URL. */
    public static String createEmpty() {
        String base = System.getenv(URL_VARIABLE);
        String name = "harvest_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = DriverManager.getConnection(base, USER, "");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database on " + base, e);
        }
        return base.substring(0, base.lastIndexOf('/') + 1) + name;
    }
}
