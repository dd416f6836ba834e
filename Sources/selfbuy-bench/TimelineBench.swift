import Foundation
import SelfBuyDetection
import SelfBuyKit

/// A timeline of synthetic events: `list --month` latency, `summary` over everything, CSV export, bytes per event.
enum TimelineBench {
    static func run(events count: Int, folder: URL, keep: String? = nil) throws {
        let path = (keep.map { URL(fileURLWithPath: $0) } ?? folder).appendingPathComponent("bench.sqlite").path
        let reuse = keep != nil && FileManager.default.fileExists(atPath: path)
        let store = try TimelineStore(path: path)
        let issuers = IssuerDirectory.bundled.issuers
        let types = FundType.allCases
        let bounds: [AmountBound] = [.max, .min, .exact, .approx]
        let (_, loadTime) = try Measure.seconds {
            if reuse { return }
            var batch: [TimelineEvent] = []
            batch.reserveCapacity(50_000)
            for index in 0..<count {
                let day = index % 3650
                let (year, month, dayOfMonth) = civil(day)
                let date = String(format: "%04d-%02d-%02d", year, month, dayOfMonth)
                let issuer = issuers[index % issuers.count]
                let amount = Int64(1 + index % 50) * 10_000_000
                let evidence = "\(issuer.name)拟运用固有资金\(amount / 10_000)万元投资旗下基金，持有期不少于1年。"
                let source = EventSource(
                    url: "https://news.example.cn/fund/\(index).html", title: "\(issuer.name)自购",
                    published: date + "T10:00:00+08:00",
                    fetchedAt: date + "T12:00:00+08:00", contentHash: "bench-\(index)", evidence: evidence,
                    evidenceStart: 0,
                    evidenceEnd: evidence.unicodeScalars.count, issuerMention: issuer.name, spans: [])
                batch.append(
                    TimelineEvent(
                        id: "ev-\(String(index, radix: 16))", date: date, issuer: issuer.name,
                        issuerFull: issuer.legalName,
                        amountYuan: amount, amountUpperYuan: nil, amountBound: bounds[index % bounds.count],
                        currency: "CNY",
                        holdingPeriod: "P1Y", fundType: types[index % types.count],
                        status: index % 5 == 0 ? .completed : .planned,
                        evidence: evidence, sources: [source]))
                if batch.count == 50_000 {
                    try store.bulkInsert(batch)
                    batch.removeAll(keepingCapacity: true)
                }
            }
            try store.bulkInsert(batch)
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        let wal = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
        print(
            "timeline: \(reuse ? "reused \(path) instead of loading" : "loaded") \(count) events in \(Measure.format(loadTime, 1)) s; \(size / max(count, 1)) bytes per event on disk (+\(wal / max(count, 1)) in the WAL)"
        )
        var listed = 0
        let (_, listTime) = try Measure.seconds {
            listed = try store.events(EventFilter(month: "2021-06"), withSources: false).count
        }
        let (_, listAgain) = try Measure.seconds {
            listed = try store.events(EventFilter(month: "2022-03"), withSources: false).count
        }
        let (_, listJSON) = try Measure.seconds { listed = try store.events(EventFilter(month: "2023-01")).count }
        print(
            "timeline: list --month (\(listed) events a month): \(Measure.format(listTime * 1000)) ms, "
                + "\(Measure.format(listAgain * 1000)) ms for another month; with every source (--format json) "
                + "\(Measure.format(listJSON * 1000)) ms")
        let (months, summaryTime) = try Measure.seconds { try EventSelection().months(in: store) }
        print(
            "timeline: summary over all \(count) events: \(months.count) months in \(Measure.format(summaryTime * 1000)) ms"
        )
        let exportURL = folder.appendingPathComponent("export.csv")
        let (_, exportTime) = try Measure.seconds {
            // The path `selfbuy export` takes: the selection's rows, each as the one event view every output renders.
            let writer = EventStreamWriter(format: .csv, sink: try ExportSink(path: exportURL.path))
            try writer.begin()
            try writer.write(EventSelection(), from: store)
            try writer.finish()
        }
        let exported = (try? FileManager.default.attributesOfItem(atPath: exportURL.path)[.size] as? Int) ?? 0
        print(
            "timeline: CSV export of everything: \(Measure.format(Double(exported) / 1e6)) MB in \(Measure.format(exportTime, 2)) s; "
                + "peak memory \(Measure.format(Measure.peakMemoryMB)) MB")
    }

    static func civil(_ offset: Int) -> (Int, Int, Int) {
        var year = 2016
        var day = offset
        while true {
            let length = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 366 : 365
            if day < length { break }
            day -= length
            year += 1
        }
        var month = 1
        while true {
            let length = CivilTime(year: year, month: month, day: 1).isValid ? daysIn(year, month) : 30
            if day < length { break }
            day -= length
            month += 1
        }
        return (year, month, day + 1)
    }

    static func daysIn(_ year: Int, _ month: Int) -> Int {
        for candidate in stride(from: 31, through: 28, by: -1)
        where CivilTime(year: year, month: month, day: candidate).isValid {
            return candidate
        }
        return 28
    }
}
