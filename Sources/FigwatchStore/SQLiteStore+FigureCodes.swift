import GRDB

extension SQLiteStore {
    /// v7 stores an observation's metric, kind and bound as small integers (`FigureCodes`) instead of
    /// their names, and adds `figure_codes`, which names them.
    ///
    /// The three were a fifth of an observation's bytes and, being key columns, were repeated in the
    /// `observations_id` index (an index of a WITHOUT ROWID table holds the whole key). With codes the
    /// file is a sixth smaller (205 instead of 248 bytes per observation in `figwatch-bench store`'s
    /// store), an append writes fewer index bytes, a series reads shorter rows, and key comparisons
    /// compare integers. The upgrade copies the table once; a row whose name has no code (none that
    /// figwatch wrote) stops it with the store left at v6, rather than be dropped.
    static func codeFigureFields(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE figure_codes (
                field TEXT NOT NULL,
                code INTEGER NOT NULL,
                name TEXT NOT NULL,
                PRIMARY KEY (field, code),
                UNIQUE (field, name)
            ) WITHOUT ROWID;
            INSERT INTO figure_codes (field, code, name) VALUES
                ('metric', 1, 'market_cap'), ('metric', 2, 'valuation'), ('metric', 3, 'funding'), ('metric', 4, 'other'),
                ('kind', 1, 'level'), ('kind', 2, 'change'),
                ('bound', 1, 'exact'), ('bound', 2, 'approx'), ('bound', 3, 'at_least'), ('bound', 4, 'at_most');
            """)
        let unknown = try Int.fetchOne(db, sql: """
            SELECT count(*) FROM observations o
            WHERE NOT EXISTS (SELECT 1 FROM figure_codes WHERE field = 'metric' AND name = o.metric)
                OR NOT EXISTS (SELECT 1 FROM figure_codes WHERE field = 'kind' AND name = o.kind)
                OR NOT EXISTS (SELECT 1 FROM figure_codes WHERE field = 'bound' AND name = o.bound)
            """) ?? 0
        guard unknown == 0 else {
            throw StoreError(
                .corruptValue,
                "\(unknown) observations have a metric, kind or bound this figwatch does not know; "
                    + "the store is left as it was (schema version 6)")
        }
        try db.execute(sql: """
            CREATE TABLE observations_v7 (
                entity TEXT NOT NULL,
                metric INTEGER NOT NULL,
                day INTEGER NOT NULL,
                kind INTEGER NOT NULL,
                value TEXT NOT NULL,
                currency TEXT NOT NULL,
                bound INTEGER NOT NULL,
                id INTEGER NOT NULL,
                entity_text TEXT,
                value_key TEXT NOT NULL,
                currency_inferred INTEGER NOT NULL DEFAULT 0,
                alternates TEXT NOT NULL DEFAULT '[]',
                amount_text TEXT NOT NULL DEFAULT '',
                sentence TEXT NOT NULL,
                "offset" INTEGER NOT NULL,
                lang TEXT,
                page_id INTEGER NOT NULL,
                time INTEGER NOT NULL,
                published_at INTEGER,
                observed_at INTEGER NOT NULL,
                host_count INTEGER NOT NULL DEFAULT 1,
                PRIMARY KEY (entity, metric, day, kind, value, currency, bound)
            ) WITHOUT ROWID;
            INSERT INTO observations_v7 (entity, metric, day, kind, value, currency, bound, id, entity_text, value_key,
                currency_inferred, alternates, amount_text, sentence, "offset", lang, page_id, time, published_at,
                observed_at, host_count)
                SELECT o.entity, m.code, o.day, k.code, o.value, o.currency, b.code, o.id, o.entity_text, o.value_key,
                    o.currency_inferred, o.alternates, o.amount_text, o.sentence, o."offset", o.lang, o.page_id, o.time,
                    o.published_at, o.observed_at, o.host_count
                FROM observations o
                JOIN figure_codes m ON m.field = 'metric' AND m.name = o.metric
                JOIN figure_codes k ON k.field = 'kind' AND k.name = o.kind
                JOIN figure_codes b ON b.field = 'bound' AND b.name = o.bound
                ORDER BY o.entity, m.code, o.day, k.code, o.value, o.currency, b.code;
            DROP TABLE observations;
            ALTER TABLE observations_v7 RENAME TO observations;
            CREATE UNIQUE INDEX observations_id ON observations (id);
            """)
    }
}

extension SQLiteStore {
    /// v8 keeps each observation's status (`FigureStatus`: current, past, forecast) as a code that
    /// `figure_codes` names, and makes it the last column of the observation's identity.
    ///
    /// Why in the identity: a forecast and a fact of the same amount on the same day are two
    /// statements (see `FigureWriter.append`). Why last: a series is still one range of the table per
    /// (entity, metric) in day order, and a series of current figures filters on a column of the key,
    /// which SQLite reads from the start of each row without decoding the rest; an append still
    /// finds its place by the same leading columns. Every stored figure was a statement of fact
    /// (figwatch did not tell them apart before), so every row becomes `current` (code 1).
    ///
    /// A key column cannot be added in place: the upgrade copies the table once. The old key is a
    /// prefix of the new one, so the rows are read and written in the order they lie, with no sort
    /// (2.9 s for a million observations on a 2-core machine, debug build, where v7 took about 9 s).
    static func addFigureStatus(_ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO figure_codes (field, code, name) VALUES
                ('status', 1, 'current'), ('status', 2, 'past'), ('status', 3, 'forecast');
            CREATE TABLE observations_v8 (
                entity TEXT NOT NULL,
                metric INTEGER NOT NULL,
                day INTEGER NOT NULL,
                kind INTEGER NOT NULL,
                value TEXT NOT NULL,
                currency TEXT NOT NULL,
                bound INTEGER NOT NULL,
                status INTEGER NOT NULL,
                id INTEGER NOT NULL,
                entity_text TEXT,
                value_key TEXT NOT NULL,
                currency_inferred INTEGER NOT NULL DEFAULT 0,
                alternates TEXT NOT NULL DEFAULT '[]',
                amount_text TEXT NOT NULL DEFAULT '',
                sentence TEXT NOT NULL,
                "offset" INTEGER NOT NULL,
                lang TEXT,
                page_id INTEGER NOT NULL,
                time INTEGER NOT NULL,
                published_at INTEGER,
                observed_at INTEGER NOT NULL,
                host_count INTEGER NOT NULL DEFAULT 1,
                PRIMARY KEY (entity, metric, day, kind, value, currency, bound, status)
            ) WITHOUT ROWID;
            INSERT INTO observations_v8 (entity, metric, day, kind, value, currency, bound, status, id, entity_text,
                value_key, currency_inferred, alternates, amount_text, sentence, "offset", lang, page_id, time,
                published_at, observed_at, host_count)
                SELECT entity, metric, day, kind, value, currency, bound, 1, id, entity_text, value_key,
                    currency_inferred, alternates, amount_text, sentence, "offset", lang, page_id, time, published_at,
                    observed_at, host_count
                FROM observations
                ORDER BY entity, metric, day, kind, value, currency, bound;
            DROP TABLE observations;
            ALTER TABLE observations_v8 RENAME TO observations;
            CREATE UNIQUE INDEX observations_id ON observations (id);
            """)
    }
}
