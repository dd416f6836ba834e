#ifndef SELFBUY_SQLITE_CONFIG_H
#define SELFBUY_SQLITE_CONFIG_H

/// Turns SQLite's memory statistics off (SQLITE_CONFIG_MEMSTATUS 0), so that its allocations no longer take the one
/// process-wide mutex that keeps them: the ingest writer and the threads reading the timeline waited on it for each
/// other. Must be called before SQLite is first used; returns SQLite's result code (SQLITE_MISUSE when too late, and
/// nothing changes then). sqlite3_config is variadic, which Swift cannot call.
int selfbuy_sqlite_disable_memory_statistics(void);

#endif
