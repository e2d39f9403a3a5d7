import GRDB

// The history database's tables and their migrations.
//
// One row of `cancel` per target-cancel. Order IDs are JSON arrays of decimal strings (`["18446744073709551615"]`):
// SQLite integers are signed 64-bit and JSON numbers above 2^63 would come back as floats, while strings keep
// every UInt64 exact and still let SQL list them: `SELECT c.id, j.value FROM cancel c, json_each(c.rejected_ids) j`.
// Times are Unix milliseconds. `account` is '' for a session without subaccount, so it can sit in indexes and
// compare with `=`. `intent_key` is the cancel's UUID (lowercase), the key journal merges use. `outcome` NULL means no result was recorded: the request may have left, shown as unknown.
enum HistorySchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1 cancel history") { db in
            try db.execute(sql: """
                CREATE TABLE cancel (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    time_ms INTEGER NOT NULL,
                    operator_user TEXT NOT NULL,
                    operator_host TEXT NOT NULL,
                    operator_ssh TEXT,
                    session TEXT NOT NULL,
                    account TEXT NOT NULL DEFAULT '',
                    scope TEXT NOT NULL,
                    environment TEXT NOT NULL,
                    outcome TEXT CHECK (outcome IN ('ok', 'error', 'unknown')),
                    reason TEXT,
                    message TEXT,
                    cancelled_ids TEXT NOT NULL DEFAULT '[]',
                    rejected_ids TEXT NOT NULL DEFAULT '[]',
                    attempts INTEGER NOT NULL DEFAULT 0,
                    latency_ms INTEGER,
                    finished_ms INTEGER
                );
                CREATE INDEX cancel_by_target ON cancel(session, account, id);
                CREATE INDEX cancel_by_session ON cancel(session, id);
                CREATE INDEX cancel_by_account ON cancel(account, id);
                CREATE INDEX cancel_by_time ON cancel(time_ms);
                """)
        }
        // The cancel's own id (`CancelRecord.key`), so a journal merged twice, or a record written both to the history
        // and to the journal, is one row. NULL in rows written before it existed (a UNIQUE index allows many NULLs).
        migrator.registerMigration("v2 intent key") { db in
            try db.execute(sql: """
                ALTER TABLE cancel ADD COLUMN intent_key TEXT;
                CREATE UNIQUE INDEX cancel_by_intent_key ON cancel(intent_key);
                """)
        }
        return migrator
    }
}
