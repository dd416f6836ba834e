import Foundation
import SelfBuyDetection
import SelfBuyKit

/// `selfbuy-bench report`: the HTML report of a year over a timeline of N synthetic events (default 1,000,000, spread
/// over 2016–2025 with undated ones and ranges), as `selfbuy report --out` writes it: the time to gather, render and
/// write the file, its size, and peak memory.
enum ReportBench {
    /// - Parameters:
    ///   - keep: `--db PATH`: build the timeline there, or reuse the one already there (runs after the first skip
    ///     the load); `--html PATH` keeps the report of the whole timeline, to open it in a browser.
    static func run(events count: Int, folder: URL, arguments: [String] = []) throws {
        func value(_ name: String) -> String? {
            guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
            return arguments[index + 1]
        }
        let path = value("--db") ?? folder.appendingPathComponent("report-bench.sqlite").path
        if FileManager.default.fileExists(atPath: path) {
            print("report: reusing the timeline at \(path)")
        } else {
            let store = try TimelineStore(path: path)
            let (_, loadTime) = try Measure.seconds { try load(count, into: store) }
            print("report: loaded \(count) events in \(Measure.format(loadTime, 1)) s")
        }
        let reader = try TimelineStore(readingAt: path)
        for (label, selection) in [
            ("whole timeline", EventSelection()),
            ("2025-01 to 2025-12", try EventSelection(from: "2025-01", to: "2025-12")),
        ] {
            let output = folder.appendingPathComponent("report.html").path
            let (events, seconds) = try Measure.seconds {
                let data = try ReportData.collect(from: reader, selection: selection)
                let sink = try ExportSink(path: output)
                try sink.write(HTMLReport(data: data, subtitle: label).render())
                try sink.finish()
                return data.totalEvents
            }
            if let keep = value("--html"), selection.month == nil, selection.from == nil {
                try? FileManager.default.removeItem(atPath: keep)
                try FileManager.default.copyItem(atPath: output, toPath: keep)
            }
            let size = (try? FileManager.default.attributesOfItem(atPath: output)[.size] as? Int) ?? 0
            print(
                "report: \(label), \(events) events: \(Measure.format(seconds, 2)) s, "
                    + "\(Measure.format(Double(size) / 1e6, 2)) MB of HTML (\(ReportData.defaultRowLimit) rows listed); "
                    + "peak memory \(Measure.format(Measure.peakMemoryMB)) MB")
        }
    }

    /// Synthetic events: every issuer, fund type and bound, one in 50 undated, one in 20 a range.
    static func load(_ count: Int, into store: TimelineStore) throws {
        let issuers = IssuerDirectory.bundled.issuers
        let bounds: [AmountBound] = [.max, .min, .exact, .approx]
        var batch: [TimelineEvent] = []
        batch.reserveCapacity(50_000)
        for index in 0..<count {
            let (year, month, day) = (2016 + index % 10, 1 + index / 10 % 12, 1 + index / 120 % 28)
            let date = index % 50 == 0 ? nil : String(format: "%04d-%02d-%02d", year, month, day)
            let issuer = issuers[index % issuers.count]
            let amount = Int64(1 + index % 50) * 10_000_000
            let evidence = "\(issuer.name)拟运用固有资金不低于\(amount / 10_000)万元投资旗下基金，持有期不少于1年。"
            let start = issuer.name.unicodeScalars.count + 7
            let source = EventSource(
                url: "https://news.example.cn/fund/\(index).html", title: "\(issuer.name)自购",
                published: date.map { $0 + "T10:00:00+08:00" }, fetchedAt: "2026-01-01T12:00:00+08:00",
                contentHash: "report-bench-\(index)", evidence: evidence, evidenceStart: 0,
                evidenceEnd: evidence.unicodeScalars.count, issuerMention: issuer.name,
                spans: [FieldSpan(field: .amount, start: start + 3, end: start + 3 + String(amount / 10_000).count + 2)]
            )
            let range = index % 20 == 0
            batch.append(
                TimelineEvent(
                    id: "ev-r\(String(index, radix: 16))", date: date, issuer: issuer.name,
                    issuerFull: issuer.legalName, amountYuan: amount, amountUpperYuan: range ? amount * 2 : nil,
                    amountBound: range ? .min : bounds[index % bounds.count], currency: "CNY", holdingPeriod: "P1Y",
                    fundType: FundType.allCases[index % FundType.allCases.count],
                    status: index % 5 == 0 ? .completed : .planned, evidence: evidence, sources: [source]))
            if batch.count == 50_000 {
                try store.bulkInsert(batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        try store.bulkInsert(batch)
    }
}
