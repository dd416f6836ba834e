import GRDB

extension TimelineStore {
    /// Named migrations; a database with a migration this build does not know is refused, never downgraded.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE documents (
                        id INTEGER PRIMARY KEY,
                        content_hash TEXT NOT NULL UNIQUE,
                        url TEXT NOT NULL,
                        normalized_url TEXT NOT NULL,
                        title TEXT,
                        published TEXT,
                        fetched_at TEXT NOT NULL,
                        feed_id TEXT,
                        pledge_count INTEGER NOT NULL DEFAULT 0 CHECK (pledge_count >= 0)
                    );
                    CREATE INDEX documents_by_url ON documents(normalized_url);
                    CREATE TABLE events (
                        id TEXT PRIMARY KEY NOT NULL,
                        date TEXT CHECK (date IS NULL OR length(date) = 10),
                        month TEXT CHECK (month IS NULL OR length(month) = 7),
                        issuer TEXT NOT NULL,
                        issuer_full TEXT NOT NULL,
                        amount_yuan INTEGER,
                        amount_upper_yuan INTEGER,
                        amount_bound TEXT CHECK (amount_bound IN ('max', 'min', 'approx', 'exact')),
                        currency TEXT NOT NULL,
                        holding_period TEXT,
                        holding_days INTEGER,
                        fund_type TEXT NOT NULL,
                        status TEXT NOT NULL CHECK (status IN ('planned', 'completed')),
                        evidence TEXT NOT NULL,
                        created_at TEXT NOT NULL,
                        CHECK ((amount_yuan IS NULL) = (amount_bound IS NULL))
                    );
                    CREATE INDEX events_by_month ON events(month, date);
                    CREATE INDEX events_by_date ON events(date);
                    CREATE INDEX events_by_issuer ON events(issuer, date);
                    CREATE TABLE event_sources (
                        event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
                        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                        evidence TEXT NOT NULL,
                        evidence_start INTEGER NOT NULL,
                        evidence_end INTEGER NOT NULL,
                        issuer_mention TEXT NOT NULL,
                        spans TEXT NOT NULL,
                        PRIMARY KEY (event_id, document_id, evidence_start)
                    );
                    CREATE INDEX event_sources_by_document ON event_sources(document_id);
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
                    );
                    CREATE TABLE url_validators (
                        url TEXT PRIMARY KEY NOT NULL,
                        etag TEXT,
                        last_modified TEXT,
                        body_hash TEXT,
                        checked_at TEXT NOT NULL
                    );
                    """)
        }
        migrator.registerMigration("v2-source-summary") { db in
            // Source count and first source kept on the event, so export and list need no join per event; the
            // summary and date-ordered scans read covering indexes instead of the table.
            try db.execute(
                sql: """
                    ALTER TABLE events ADD COLUMN source_count INTEGER NOT NULL DEFAULT 0;
                    ALTER TABLE events ADD COLUMN first_source_url TEXT;
                    ALTER TABLE events ADD COLUMN first_source_published TEXT;
                    UPDATE events SET
                        source_count = (SELECT COUNT(*) FROM event_sources s WHERE s.event_id = events.id),
                        first_source_url = (
                            SELECT d.url FROM event_sources s JOIN documents d ON d.id = s.document_id
                            WHERE s.event_id = events.id ORDER BY d.published IS NULL, d.published, d.id LIMIT 1),
                        first_source_published = (
                            SELECT d.published FROM event_sources s JOIN documents d ON d.id = s.document_id
                            WHERE s.event_id = events.id ORDER BY d.published IS NULL, d.published, d.id LIMIT 1);
                    DROP INDEX events_by_date;
                    CREATE INDEX events_by_date ON events(date, issuer, id);
                    CREATE INDEX events_for_summary ON events(month, fund_type, amount_bound, amount_yuan, issuer);
                    """)
        }
        migrator.registerMigration("v3-month-order") { db in
            // A month's events come out of this index already in list order: no sort.
            try db.execute(
                sql: """
                    DROP INDEX events_by_month;
                    CREATE INDEX events_by_month ON events(month, date, issuer, id);
                    """)
        }
        migrator.registerMigration("v4-near-misses") { db in
            // Sentences that looked like a self-purchase and gave no pledge, with the detector's reason: nothing is
            // dropped without a trace (`selfbuy review`).
            try db.execute(
                sql: """
                    CREATE TABLE near_misses (
                        id INTEGER PRIMARY KEY,
                        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                        reason TEXT NOT NULL,
                        issuer TEXT,
                        evidence TEXT NOT NULL,
                        evidence_start INTEGER NOT NULL,
                        evidence_end INTEGER NOT NULL
                    );
                    CREATE INDEX near_misses_by_document ON near_misses(document_id);
                    """)
        }
        migrator.registerMigration("v5-feed-progress") { db in
            // What staleness and backfill need between runs: the newest item a feed ever showed, when its body last
            // changed, and where an interrupted backfill stopped (its page and cursor), so that it resumes there.
            try db.execute(
                sql: """
                    CREATE TABLE feed_progress (
                        feed_id TEXT PRIMARY KEY NOT NULL,
                        newest_item_at REAL,
                        body_changed_at REAL,
                        backfill_since TEXT CHECK (backfill_since IS NULL OR length(backfill_since) = 10),
                        backfill_page INTEGER CHECK (backfill_page IS NULL OR backfill_page >= 0),
                        backfill_cursor TEXT,
                        backfill_done_at REAL
                    );
                    """)
        }
        migrator.registerMigration("v6-first-source-evidence") { db in
            // The evidence on an event's row is its first source's (earliest publication), beside that source's URL,
            // so that CSV and tables show a sentence with the document it came from without reading every source.
            try db.execute(
                sql: """
                    UPDATE events SET evidence = (
                        SELECT s.evidence FROM event_sources s JOIN documents d ON d.id = s.document_id
                        WHERE s.event_id = events.id ORDER BY d.published IS NULL, d.published, d.id LIMIT 1)
                    WHERE source_count > 1;
                    """)
        }
        migrator.registerMigration("v7-document-revisions") { db in
            // A document is its text at its (normalised) URL: the same text at a second URL is a second document (a
            // further source of the same events), and a new text at a URL already read is a revision that supersedes
            // the document it replaces, kept for the record with `superseded_by`, when its URL is its own
            // (`identified_by_url`: an item's own link; for documents stored before, a URL no other document has).
            // The content hash is no longer
            // unique on its own, so the table is rebuilt (SQLite cannot drop a constraint); foreign keys are off
            // during migrations and checked before commit.
            try db.execute(
                sql: """
                    CREATE TABLE documents_v7 (
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
                    );
                    INSERT INTO documents_v7 (id, content_hash, url, normalized_url, title, published, fetched_at,
                                              feed_id, pledge_count, identified_by_url)
                    SELECT id, content_hash, url, normalized_url, title, published, fetched_at, feed_id, pledge_count,
                           (SELECT COUNT(*) FROM documents d WHERE d.normalized_url = documents.normalized_url) = 1
                    FROM documents;
                    DROP TABLE documents;
                    ALTER TABLE documents_v7 RENAME TO documents;
                    CREATE INDEX documents_by_url ON documents(normalized_url, superseded_by);
                    CREATE UNIQUE INDEX documents_current ON documents(content_hash, normalized_url)
                        WHERE superseded_by IS NULL;
                    CREATE INDEX documents_by_text ON documents(content_hash, id) WHERE superseded_by IS NULL;
                    """)
        }
        migrator.registerMigration("v8-issuer-known") { db in
            // Whether the issuer is in the directory (or recognised by the shape of its name only), as the detector
            // reported it. Events recorded before say nothing (NULL), rather than a guess.
            try db.execute(
                sql:
                    "ALTER TABLE events ADD COLUMN issuer_known INTEGER CHECK (issuer_known IS NULL OR issuer_known IN (0, 1))"
            )
            // What each source reported, so that an event can be folded again from the sources a revision leaves it
            // (NULL `status` on sources recorded before: such an event keeps its values).
            try db.execute(
                sql: """
                    ALTER TABLE event_sources ADD COLUMN reported_date TEXT;
                    ALTER TABLE event_sources ADD COLUMN amount_yuan INTEGER;
                    ALTER TABLE event_sources ADD COLUMN amount_upper_yuan INTEGER;
                    ALTER TABLE event_sources ADD COLUMN amount_bound TEXT;
                    ALTER TABLE event_sources ADD COLUMN holding_period TEXT;
                    ALTER TABLE event_sources ADD COLUMN fund_type TEXT;
                    ALTER TABLE event_sources ADD COLUMN status TEXT;
                    """)
        }
        migrator.registerMigration("v9-writer-indexes-and-checks") { db in
            // The current documents are found by their URL first: one index (URL, text) answers both "is this text
            // stored from this URL" and "what is stored at this URL", where an index keyed by the text's hash and
            // another by the URL were both updated at every document. A URL's entries sit together, so a feed's new
            // items go into few pages, where random hashes touched pages all over the index at every commit. A
            // superseded document always has a current one at its URL (the revision that replaced it), so the URLs
            // a pager has seen are still all known from current documents.
            try db.execute(
                sql: """
                    DROP INDEX documents_by_url;
                    DROP INDEX documents_current;
                    CREATE UNIQUE INDEX documents_current ON documents(normalized_url, content_hash)
                        WHERE superseded_by IS NULL;
                    """)
            // SQLite checks `x IN (four values)` through a temporary B-tree that it opens at each insert or update of
            // an event (half the cost of recording a pledge); the same condition as comparisons needs none. SQLite
            // cannot change a CHECK, so the table is rebuilt, rows and rowids as they were; foreign keys are off during
            // migrations and checked before commit.
            try db.execute(
                sql: """
                    CREATE TABLE events_v9 (
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
                    );
                    INSERT INTO events_v9 (rowid, id, date, month, issuer, issuer_full, amount_yuan, amount_upper_yuan,
                                           amount_bound, currency, holding_period, holding_days, fund_type, status,
                                           evidence, created_at, source_count, first_source_url,
                                           first_source_published, issuer_known)
                    SELECT rowid, id, date, month, issuer, issuer_full, amount_yuan, amount_upper_yuan, amount_bound,
                           currency, holding_period, holding_days, fund_type, status, evidence, created_at,
                           source_count, first_source_url, first_source_published, issuer_known
                    FROM events;
                    DROP TABLE events;
                    ALTER TABLE events_v9 RENAME TO events;
                    CREATE INDEX events_by_issuer ON events(issuer, date);
                    CREATE INDEX events_by_date ON events(date, issuer, id);
                    CREATE INDEX events_for_summary ON events(month, fund_type, amount_bound, amount_yuan, issuer);
                    CREATE INDEX events_by_month ON events(month, date, issuer, id);
                    """)
        }
        migrator.registerMigration("v10-text-keys") { db in
            // A text is looked up by the first 64 bits of its hash (`text_key`, ``ContentKey/storedKey(of:)``) and then
            // compared whole: an index of 8-byte integers instead of 64-character strings, whose random keys made the
            // writer of a bulk ingest split and write pages all over the index (a quarter less of its SQLite work,
            // 0.7 MB less log for 10,000 documents). Existing documents get their keys from a function of this
            // connection, removed again before the migration commits.
            try ContentKey.withSQLFunction(db) {
                try db.execute(
                    sql: """
                        ALTER TABLE documents ADD COLUMN text_key INTEGER NOT NULL DEFAULT 0;
                        UPDATE documents SET text_key = selfbuy_text_key(content_hash);
                        DROP INDEX documents_by_text;
                        CREATE INDEX documents_by_text ON documents(text_key) WHERE superseded_by IS NULL;
                        """)
            }
        }
        return migrator
    }
}
