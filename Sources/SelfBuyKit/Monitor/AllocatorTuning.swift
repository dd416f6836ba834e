import CSQLiteConfig

#if canImport(Glibc)
    import Glibc
#endif

/// glibc's allocator, tuned for the way selfbuy works: threads that allocate and free a few megabytes over and over
/// (each source's text, SQLite's page buffers and the temporary B-tree a statement may open).
///
/// With glibc's defaults, every thread's arena grew by 128 KiB at a time and gave memory back as soon as its free top
/// passed a threshold, so the same memory went back and forth: an ingest of the bench archive (10,000 documents) made
/// 916 `mprotect` calls and their page faults, against 48 with these settings, for about 6 % of its CPU. The peak
/// (50 MB resident) is the same either way. A long-running process gives its free memory back after each piece of work
/// instead (``releaseFreeMemory()``).
///
/// Settings the user made through `GLIBC_TUNABLES` (`glibc.malloc.*`) are left alone. Elsewhere (another C library),
/// nothing happens. A release build links mimalloc when the system has it (Package.swift): glibc's settings then do
/// not apply, and free memory is given back through mimalloc (`mi_collect`).
public enum AllocatorTuning {
    /// Each arena grows by this much beyond a request, so that growing is rare.
    static let topPad: Int32 = 16 << 20
    /// Free memory at the top of an arena stays up to this size.
    static let trimThreshold: Int32 = 128 << 20
    /// Blocks from this size on get their own mapping: glibc's own ceiling for its adaptive threshold, fixed, so that
    /// a text of a few megabytes read over and over is not mapped and unmapped each time.
    static let mmapThreshold: Int32 = 32 << 20

    /// Turns SQLite's memory statistics off: with them, each of SQLite's allocations took one process-wide mutex, and
    /// the ingest writer and the cores reading the timeline waited on it for each other (about 3 % of an ingest's CPU,
    /// part of it in futex calls). Nothing in selfbuy reads those statistics. Call before SQLite is first used;
    /// returns whether SQLite took the setting (it refuses once it is initialised).
    @discardableResult
    public static func disableSQLiteMemoryStatistics() -> Bool {
        selfbuy_sqlite_disable_memory_statistics() == 0
    }

    /// Applies the settings; call once, early, before threads start. Returns whether they were applied.
    @discardableResult
    public static func apply(environment: [String: String]) -> Bool {
        #if canImport(Glibc)
            if let tunables = environment["GLIBC_TUNABLES"], tunables.contains("glibc.malloc.") { return false }
            if usesMimalloc { return false }
            guard let mallopt = function("mallopt", as: Mallopt.self) else { return false }
            // M_TOP_PAD, M_TRIM_THRESHOLD and M_MMAP_THRESHOLD of <malloc.h>, which Swift's Glibc module leaves out.
            return mallopt(-2, topPad) == 1 && mallopt(-1, trimThreshold) == 1 && mallopt(-3, mmapThreshold) == 1
        #else
            return false
        #endif
    }

    /// Gives free memory back to the system (`malloc_trim`): for a long-running process between pieces of work.
    public static func releaseFreeMemory() {
        #if canImport(Glibc)
            if let collect = function("mi_collect", as: MimallocCollect.self) {
                collect(true)
            } else {
                _ = function("malloc_trim", as: MallocTrim.self)?(0)
            }
        #endif
    }

    /// Whether mimalloc serves this process's allocations (linked by a release build, or preloaded).
    public static var usesMimalloc: Bool {
        #if canImport(Glibc)
            function("mi_version", as: MimallocVersion.self) != nil
        #else
            false
        #endif
    }

    private typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
    private typealias MallocTrim = @convention(c) (Int) -> Int32
    private typealias MimallocCollect = @convention(c) (Bool) -> Void
    private typealias MimallocVersion = @convention(c) () -> Int32

    #if canImport(Glibc)
        /// A function looked up at run time: `mallopt` and `malloc_trim` are glibc's, and absent from the module
        /// Swift imports; `mi_collect` and `mi_version` are mimalloc's, when it is linked or preloaded.
        private static func function<F>(_ name: String, as type: F.Type) -> F? {
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { return nil }
            return unsafeBitCast(symbol, to: type)
        }
    #endif
}
