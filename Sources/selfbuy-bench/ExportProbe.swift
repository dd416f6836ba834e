import Foundation
import GRDB
import GRDBSQLite
import SelfBuyKit

/// Temporary: what each part of the CSV export costs.
enum ExportProbe {
    static func run(path: String) throws {
        if let only = ProcessInfo.processInfo.environment["PROBE_MMAP"] {
            var configuration = Configuration()
            configuration.readonly = true
            configuration.prepareDatabase { db in
                try db.execute(sql: "PRAGMA mmap_size = \(only)")
                if let cache = ProcessInfo.processInfo.environment["PROBE_CACHE"] {
                    try db.execute(sql: "PRAGMA cache_size = \(cache)")
                }
            }
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            var bytes = 0
            let (_, t) = try Measure.seconds {
                try queue.read { db in
                    let statement = try db.makeStatement(sql: "SELECT id, date, issuer, issuer_full, amount_yuan, amount_upper_yuan, amount_bound, currency, holding_period, fund_type, status, evidence, source_count, first_source_url FROM events WHERE date IS NOT NULL ORDER BY date, issuer, id")
                    let rows = try Row.fetchCursor(statement)
                    let raw = statement.sqliteStatement
                    while try rows.next() != nil {
                        bytes += Int(sqlite3_column_bytes(raw, 0)) + Int(sqlite3_column_bytes(raw, 11))
                    }
                }
            }
            print("mmap \(only) cache \(ProcessInfo.processInfo.environment["PROBE_CACHE"] ?? "-"): \(Measure.format(t, 2)) s, peak \(Measure.format(Measure.peakMemoryMB)) MB")
            return
        }
        let out = "/tmp/probe-export.csv"
        for round in 0..<2 {
            let store = try TimelineStore(readingAt: path)
            let (_, t0) = try Measure.seconds {
                let writer = EventStreamWriter(format: .csv, sink: try ExportSink(path: out))
                try writer.begin()
                try writer.write(EventSelection(), from: store)
                try writer.finish()
            }
            var usage = rusage()
            getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
            let cpu = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
            print("round \(round) library export (read-only store): \(Measure.format(t0, 2)) s, process CPU so far \(Measure.format(cpu, 2)) s, peak \(Measure.format(Measure.peakMemoryMB)) MB")
        }
        if ProcessInfo.processInfo.environment["PROBE_LIBRARY_ONLY"] != nil { return }
        let sql = """
            SELECT id, date, issuer, issuer_full, amount_yuan, amount_upper_yuan, amount_bound, currency, holding_period,
            fund_type, status, evidence, source_count, first_source_url FROM events WHERE date IS NOT NULL ORDER BY date, issuer, id
            """
        for (label, pragmas) in [
            ("default", [String]()), ("cache 256MiB", ["PRAGMA cache_size = -262144"]),
            ("mmap 1GiB", ["PRAGMA mmap_size = 1073741824"]),
            ("mmap 1GiB + cache 64MiB", ["PRAGMA mmap_size = 1073741824", "PRAGMA cache_size = -65536"]),
            ("mmap 256MiB", ["PRAGMA mmap_size = 268435456"]),
        ] {
            var configuration = Configuration()
            configuration.readonly = true
            configuration.prepareDatabase { db in for p in pragmas { try db.execute(sql: p) } }
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            var bytes = 0
            let (_, t1) = try Measure.seconds {
                try queue.read { db in
                    let rows = try Row.fetchCursor(db, sql: sql)
                    while let row = try rows.next() {
                        let a: String = row[0]
                        let b: String = row[11]
                        bytes += a.utf8.count + b.utf8.count
                    }
                }
            }
            let (_, t2) = try Measure.seconds {
                try queue.read { db in
                    let statement = try db.makeStatement(sql: sql)
                    let raw = statement.sqliteStatement
                    let cursor = try Row.fetchCursor(statement)
                    _ = cursor
                    var step = sqlite3_step(raw)
                    while step == SQLITE_ROW {
                        bytes += Int(sqlite3_column_bytes(raw, 0)) + Int(sqlite3_column_bytes(raw, 11))
                        step = sqlite3_step(raw)
                    }
                }
            }
            let (_, t3) = try Measure.seconds {
                try queue.read { db in
                    bytes += try Int.fetchOne(db, sql: "SELECT count(*) FROM events WHERE date IS NOT NULL") ?? 0
                }
            }
            print("\(label): Row cursor \(Measure.format(t1, 2)) s; raw step \(Measure.format(t2, 2)) s; count \(Measure.format(t3, 2)) s (\(bytes))")
        }
    }
}
