#ifndef FIGWATCH_CSQLITESETUP_SHIM_H
#define FIGWATCH_CSQLITESETUP_SHIM_H

/* Process-wide SQLite settings (sqlite3_config is variadic, so Swift cannot call it). They take effect
   only before SQLite initialises, that is before the first connection opens; afterwards sqlite3_config
   returns SQLITE_MISUSE and changes nothing. It is not thread-safe: call it while no other thread can
   be using SQLite. */

#include <sqlite3.h>

/* Multi-thread mode: connections opened without SQLITE_OPEN_FULLMUTEX take no mutex of their own, so
   each bind, step and column read is a plain call rather than a lock and an unlock. Safe when no
   connection is ever used by two threads at once. Memory statistics off: SQLite's allocator then takes
   no global mutex either (sqlite3_memory_used and the soft heap limit stop working). Returns SQLITE_OK,
   or the first error. */
static inline int fw_sqlite_use_multithread_mode(void) {
    int rc = sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
    if (rc == SQLITE_OK) rc = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    return rc;
}

/* Whether connections opened from now on without flags of their own take a mutex: 1 for serialized
   mode, 0 for multi-thread mode (or a build without mutexes). */
static inline int fw_sqlite_connections_take_mutex(void) {
    sqlite3 *db = 0;
    int serialized = 0;
    if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY, 0) == SQLITE_OK) {
        serialized = sqlite3_db_mutex(db) != 0;
    }
    sqlite3_close(db);
    return serialized;
}

#endif
