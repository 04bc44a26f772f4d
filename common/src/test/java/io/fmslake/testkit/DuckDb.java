package io.fmslake.testkit;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DuckDB (in-process, JDBC) as the independent Parquet reader of tests. Works offline: extension autoinstall
 * and autoload are off (parquet and json are linked into the JDBC driver). Session time zone UTC.
 */
public final class DuckDb implements AutoCloseable {
    private final Connection connection;

    private DuckDb(Connection connection) {
        this.connection = connection;
    }

    /** A fresh in-memory database. */
    public static DuckDb open() {
        try {
            Connection c = DriverManager.getConnection("jdbc:duckdb:");
            try (Statement s = c.createStatement()) {
                s.execute("SET autoinstall_known_extensions=false");
                s.execute("SET autoload_known_extensions=false");
                s.execute("SET TimeZone='UTC'");
            }
            return new DuckDb(c);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open DuckDB", e);
        }
    }

    public Connection connection() {
        return connection;
    }

    /** SQL text for {@code read_parquet('<path>')}, quoted. */
    public static String parquet(Path file) {
        return "read_parquet('" + file.toAbsolutePath().toString().replace("'", "''") + "')";
    }

    /** Every row as column label to JDBC {@code getObject} value, in result order. */
    public List<Map<String, Object>> query(String sql, Object... params) {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int c = 1; c <= md.getColumnCount(); c++) {
                        row.put(md.getColumnLabel(c), rs.getObject(c));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("query failed: " + sql, e);
        }
    }

    /** The single value of a one-row, one-column query. */
    public Object scalar(String sql, Object... params) {
        List<Map<String, Object>> rows = query(sql, params);
        if (rows.size() != 1 || rows.get(0).size() != 1) {
            throw new IllegalStateException("expected one value from " + sql + ", got " + rows);
        }
        return rows.get(0).values().iterator().next();
    }

    /** Column name to DuckDB type (as DESCRIBE prints it, e.g. BIGINT, STRUCT(a BIGINT), VARCHAR[]) of a file. */
    public Map<String, String> columnTypes(Path file) {
        Map<String, String> types = new LinkedHashMap<>();
        for (Map<String, Object> row : query("DESCRIBE SELECT * FROM " + parquet(file))) {
            types.put((String) row.get("column_name"), (String) row.get("column_type"));
        }
        return types;
    }

    /** The file's key-value footer metadata, decoded as UTF-8. */
    public Map<String, String> footer(Path file) {
        Map<String, String> kv = new LinkedHashMap<>();
        String sql = "SELECT decode(key) AS k, decode(value) AS v FROM parquet_kv_metadata('"
                + file.toAbsolutePath().toString().replace("'", "''") + "')";
        for (Map<String, Object> row : query(sql)) {
            kv.put((String) row.get("k"), (String) row.get("v"));
        }
        return kv;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
