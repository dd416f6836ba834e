#include "selfbuy_sqlite_config.h"

#include <sqlite3.h>

int selfbuy_sqlite_disable_memory_statistics(void) { return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); }
