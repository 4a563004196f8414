// FigwatchStore: the time series in SQLite (GRDB). See SQLiteStore.swift.
