import GRDB

/// The schema the migrations build, as SQLite keeps it (`sqlite_master`): a new timeline is created from it in one
/// transaction instead of running every migration in turn (about 5 ms, a tenth of a one-feed ingest into a new file).
///
/// Generated from a timeline migrated from scratch, tables first; `SchemaSnapshotTests` checks that both ways give the
/// same `sqlite_master`, and prints the statements to put here when a migration is added.
extension TimelineStore {
    /// The migrations the snapshot contains, in order.
    static let snapshotMigrations = [
        "v1", "v2-source-summary", "v3-month-order", "v4-near-misses", "v5-feed-progress", "v6-first-source-evidence",
        "v7-document-revisions", "v8-issuer-known", "v9-writer-indexes-and-checks", "v10-text-keys",
    ]

    /// `CREATE` statements: tables, then indexes.
    static let schemaSnapshot = [
        #"""
        CREATE TABLE "events" (
            id TEXT PRIMARY KEY NOT NULL,
            date TEXT CHECK (date IS NULL OR length(date) = 10),
            month TEXT CHECK (month IS NULL OR length(month) = 7),
            issuer TEXT NOT NULL,
            issuer_full TEXT NOT NULL,
            amount_yuan INTEGER,
            amount_upper_yuan INTEGER,
            amount_bound TEXT CHECK (amount_bound = 'max' OR amount_bound = 'min' OR amount_bound = 'approx'
                OR amount_bound = 'exact'),
            currency TEXT NOT NULL,
            holding_period TEXT,
            holding_days INTEGER,
            fund_type TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('planned', 'completed')),
            evidence TEXT NOT NULL,
            created_at TEXT NOT NULL,
            source_count INTEGER NOT NULL DEFAULT 0,
            first_source_url TEXT,
            first_source_published TEXT,
            issuer_known INTEGER CHECK (issuer_known IS NULL OR issuer_known IN (0, 1)),
            CHECK ((amount_yuan IS NULL) = (amount_bound IS NULL))
        )
        """#,
        #"""
        CREATE TABLE event_sources (
            event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            evidence TEXT NOT NULL,
            evidence_start INTEGER NOT NULL,
            evidence_end INTEGER NOT NULL,
            issuer_mention TEXT NOT NULL,
            spans TEXT NOT NULL, reported_date TEXT, amount_yuan INTEGER, amount_upper_yuan INTEGER, amount_bound TEXT, holding_period TEXT, fund_type TEXT, status TEXT,
            PRIMARY KEY (event_id, document_id, evidence_start)
        )
        """#,
        #"""
        CREATE TABLE feed_state (
            feed_id TEXT PRIMARY KEY NOT NULL,
            url TEXT NOT NULL,
            final_url TEXT,
            etag TEXT,
            last_modified TEXT,
            body_hash TEXT,
            last_polled_at TEXT,
            last_status INTEGER,
            last_error TEXT,
            consecutive_failures INTEGER NOT NULL DEFAULT 0,
            next_due_at REAL,
            last_item_count INTEGER
        )
        """#,
        #"""
        CREATE TABLE url_validators (
            url TEXT PRIMARY KEY NOT NULL,
            etag TEXT,
            last_modified TEXT,
            body_hash TEXT,
            checked_at TEXT NOT NULL
        )
        """#,
        #"""
        CREATE TABLE near_misses (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            reason TEXT NOT NULL,
            issuer TEXT,
            evidence TEXT NOT NULL,
            evidence_start INTEGER NOT NULL,
            evidence_end INTEGER NOT NULL
        )
        """#,
        #"""
        CREATE TABLE feed_progress (
            feed_id TEXT PRIMARY KEY NOT NULL,
            newest_item_at REAL,
            body_changed_at REAL,
            backfill_since TEXT CHECK (backfill_since IS NULL OR length(backfill_since) = 10),
            backfill_page INTEGER CHECK (backfill_page IS NULL OR backfill_page >= 0),
            backfill_cursor TEXT,
            backfill_done_at REAL
        )
        """#,
        #"""
        CREATE TABLE "documents" (
            id INTEGER PRIMARY KEY,
            content_hash TEXT NOT NULL,
            url TEXT NOT NULL,
            normalized_url TEXT NOT NULL,
            title TEXT,
            published TEXT,
            fetched_at TEXT NOT NULL,
            feed_id TEXT,
            pledge_count INTEGER NOT NULL DEFAULT 0 CHECK (pledge_count >= 0),
            superseded_by INTEGER CHECK (superseded_by IS NULL OR superseded_by > id),
            identified_by_url INTEGER NOT NULL DEFAULT 0 CHECK (identified_by_url IN (0, 1))
        , text_key INTEGER NOT NULL DEFAULT 0)
        """#,
        #"""
        CREATE INDEX events_by_issuer ON events(issuer, date)
        """#,
        #"""
        CREATE INDEX event_sources_by_document ON event_sources(document_id)
        """#,
        #"""
        CREATE INDEX events_by_date ON events(date, issuer, id)
        """#,
        #"""
        CREATE INDEX events_for_summary ON events(month, fund_type, amount_bound, amount_yuan, issuer)
        """#,
        #"""
        CREATE INDEX events_by_month ON events(month, date, issuer, id)
        """#,
        #"""
        CREATE INDEX near_misses_by_document ON near_misses(document_id)
        """#,
        #"""
        CREATE UNIQUE INDEX documents_current ON documents(normalized_url, content_hash)
            WHERE superseded_by IS NULL
        """#,
        #"""
        CREATE INDEX documents_by_text ON documents(text_key) WHERE superseded_by IS NULL
        """#,
    ]

    /// Creates the current schema in an empty database and records its migrations as applied; does nothing to a
    /// database that has any table (the migrator brings it up to date).
    static func createFromSnapshot(_ writer: any DatabaseWriter) throws {
        try writer.write { db in
            guard try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master") == 0 else { return }
            for statement in schemaSnapshot { try db.execute(sql: statement) }
            try db.execute(sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
            for identifier in snapshotMigrations {
                try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES (?)", arguments: [identifier])
            }
        }
    }
}
