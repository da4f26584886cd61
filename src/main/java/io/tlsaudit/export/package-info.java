/**
 * The outlet to other engines, beside {@code report}: the stored tables written as hive-partitioned Parquet
 * ({@code TABLE/day=YYYY-MM-DD/server=NAME/}) that Spark, Trino and DuckDB read. {@link io.tlsaudit.export.ExportTable}
 * says which tables go and what their day is, {@link io.tlsaudit.export.ExportFolder} owns the folder, and
 * {@link io.tlsaudit.export.ParquetExport} decides which days to write, replace or remove. A new export format goes
 * here.
 */
package io.tlsaudit.export;
