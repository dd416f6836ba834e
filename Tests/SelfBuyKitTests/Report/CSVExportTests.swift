import Foundation
import SelfBuyDetection
import Testing

@testable import SelfBuyKit

/// The CSV that `export` (and `list --format csv`) writes, byte for byte, for a timeline that exercises every cell
/// form: several sources, a range, no amount, undated events, the largest amount, commas, quotes, CR and LF in cells,
/// and cells a spreadsheet would run.
@Suite("CSV export writes exactly the documented bytes")
struct CSVExportTests {
    let directory: TemporaryDirectory
    let store: TimelineStore

    init() throws {
        directory = try TemporaryDirectory()
        let path = directory.path("timeline.sqlite")
        try TimelineStore(path: path).bulkInsert(Self.events)
        store = try TimelineStore(readingAt: path)
    }

    static func source(_ url: String, _ evidence: String, published: String?, hash: String) -> EventSource {
        EventSource(
            url: url, title: nil, published: published, fetchedAt: "2025-09-01T12:00:00+08:00", contentHash: hash,
            evidence: evidence, evidenceStart: 0, evidenceEnd: evidence.unicodeScalars.count, issuerMention: "",
            spans: [])
    }

    static func event(
        _ id: String, _ date: String?, _ issuer: String, _ issuerFull: String, amount: Int64?, upper: Int64? = nil,
        bound: AmountBound?, period: String?, type: FundType, status: PledgeStatus, evidence: String, urls: [String],
        known: Bool? = nil
    ) -> TimelineEvent {
        let sources = urls.enumerated().map { index, url in
            source(url, evidence, published: date.map { "\($0)T1\(index):00:00+08:00" }, hash: "\(id)-\(index)")
        }
        return TimelineEvent(
            id: id, date: date, issuer: issuer, issuerFull: issuerFull, amountYuan: amount, amountUpperYuan: upper,
            amountBound: bound, currency: "CNY", holdingPeriod: period, fundType: type, status: status,
            evidence: evidence, sources: sources, issuerKnown: known)
    }

    /// Stored out of order: the export sorts dated events by date, issuer and id, then the undated by issuer and id.
    static let events = [
        event(
            "ev-u1", nil, "南方基金", "南方基金管理有限公司", amount: 50_000_000, bound: .approx, period: "P18M",
            type: .etf, status: .planned, evidence: "-南方基金拟以约5000万元自购,\r持有18个月",
            urls: ["https://nffund.example/n/1.html"]),
        event(
            "ev-b2", "2025-08-25", "易方达基金", "易方达基金管理有限公司", amount: 10_000_000, upper: 20_000_000,
            bound: .min, period: "P6M", type: .mixed, status: .completed,
            evidence: "易方达基金称\"将以1000万元至2000万元自有资金申购\"，持有期不少于6个月。",
            urls: ["https://news.example/list?id=1,2"], known: false),
        event(
            "ev-a1", "2025-08-25", "华泰证券资管", "华泰证券（上海）资产管理有限公司", amount: 32_000_000, bound: .max,
            period: "P1Y", type: .equity, status: .planned,
            evidence: "本公司将于近期陆续运用不超过3200万元自有资金投资本公司旗下权益类公募基金，持有期不少于1年。\n华泰证券（上海）资产管理有限公司",
            urls: ["https://htzg.example/n/1.html", "https://news.example/c/1.html"], known: true),
        event(
            "ev-z9", "2025-01-05", "中欧基金", "中欧基金管理有限公司", amount: Int64.max, bound: .exact, period: "P1Y",
            type: .index, status: .completed, evidence: "中欧基金已以固有资金申购旗下指数基金。",
            urls: ["https://zofund.example/n/9.html"]),
        event(
            "ev-c3", "2024-12-31", "嘉实基金", "嘉实基金管理有限公司", amount: nil, bound: nil, period: nil,
            type: .unspecified, status: .planned, evidence: "=HYPERLINK(\"x\")嘉实基金将自购",
            urls: ["https://jsfund.example/n/3.html"]),
        event(
            "ev-u0", nil, "南方基金", "南方基金管理有限公司", amount: 1, bound: .exact, period: "P30D", type: .bond,
            status: .completed, evidence: "@南方基金已申购1元", urls: ["https://nffund.example/n/0.html"]),
    ]

    static let header =
        "id,date,month,issuer,issuer_full,amount_yuan,amount_upper_yuan,amount_bound,currency,holding_period,"
        + "holding_days,fund_type,status,source_count,first_source_url,evidence"

    static let records = [
        "ev-c3,2024-12-31,2024-12,嘉实基金,嘉实基金管理有限公司,,,,CNY,,,unspecified,planned,1,"
            + "https://jsfund.example/n/3.html,\"'=HYPERLINK(\"\"x\"\")嘉实基金将自购\"",
        "ev-z9,2025-01-05,2025-01,中欧基金,中欧基金管理有限公司,9223372036854775807,,exact,CNY,P1Y,365,index,completed,1,"
            + "https://zofund.example/n/9.html,中欧基金已以固有资金申购旗下指数基金。",
        "ev-a1,2025-08-25,2025-08,华泰证券资管,华泰证券（上海）资产管理有限公司,32000000,,max,CNY,P1Y,365,equity,planned,2,"
            + "https://htzg.example/n/1.html,\"本公司将于近期陆续运用不超过3200万元自有资金投资本公司旗下权益类公募基金，"
            + "持有期不少于1年。\n华泰证券（上海）资产管理有限公司\"",
        "ev-b2,2025-08-25,2025-08,易方达基金,易方达基金管理有限公司,10000000,20000000,min,CNY,P6M,180,mixed,completed,1,"
            + "\"https://news.example/list?id=1,2\",\"易方达基金称\"\"将以1000万元至2000万元自有资金申购\"\"，持有期不少于6个月。\"",
        "ev-u0,,,南方基金,南方基金管理有限公司,1,,exact,CNY,P30D,30,bond,completed,1,https://nffund.example/n/0.html,"
            + "'@南方基金已申购1元",
        "ev-u1,,,南方基金,南方基金管理有限公司,50000000,,approx,CNY,P18M,540,etf,planned,1,"
            + "https://nffund.example/n/1.html,\"'-南方基金拟以约5000万元自购,\r持有18个月\"",
    ]

    /// What `export` writes for `selection`, read back from the file.
    func exported(_ selection: EventSelection = EventSelection(), excel: Bool = false) throws -> [UInt8] {
        let path = directory.path("events-\(UUID().uuidString).csv")
        let writer = EventStreamWriter(format: .csv, sink: try ExportSink(path: path), excel: excel)
        try writer.begin()
        try writer.write(selection, from: store)
        try writer.finish()
        return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    @Test("every event comes out in list order with each cell quoted, doubled or guarded as RFC 4180 and DESIGN say")
    func plain() throws {
        let expected = ([Self.header] + Self.records).map { $0 + "\n" }.joined()
        #expect(String(decoding: try exported(), as: UTF8.self) == expected)
    }

    @Test("--excel writes a byte-order mark and CRLF between records, and leaves CR and LF inside cells as they are")
    func excel() throws {
        let expected = [0xEF, 0xBB, 0xBF] + Array(([Self.header] + Self.records).map { $0 + "\r\n" }.joined().utf8)
        #expect(try exported(excel: true) == expected)
    }

    @Test("a filtered export writes the same records for the events it selects")
    func filtered() throws {
        let expected = ([Self.header] + Self.records[2...3]).map { $0 + "\n" }.joined()
        #expect(String(decoding: try exported(try EventSelection(month: "2025-08")), as: UTF8.self) == expected)
        let undated = try exported(try EventSelection(bound: "exact"))
        #expect(
            String(decoding: undated, as: UTF8.self)
                == [Self.header, Self.records[1], Self.records[4]].map { $0 + "\n" }.joined())
    }

    @Test("the rows CSV and tables read give the same event views as the store's own records")
    func rowViewsMatchRecords() throws {
        var views: [EventView] = []
        try EventSelection().forEachRow(in: store) { views.append($0) }
        #expect(views == (try store.events(withSources: false)).map(EventView.init))
        #expect(views.map(\.id) == ["ev-c3", "ev-z9", "ev-a1", "ev-b2", "ev-u0", "ev-u1"])
        #expect(views.map(\.issuerKnown) == [nil, nil, true, false, nil, nil])
    }

    @Test("a record built cell by cell is the row the string writer gives for the same cells")
    func recordMatchesRow() {
        let cells: [String?] = ["a", nil, "", "b,c", "say \"hi\"", "=1", "-5", "@x,y", "\tx", "\rx", "华泰\n证券", "'"]
        for ending in ["\n", "\r\n"] {
            let writer = CSVWriter(lineEnding: ending)
            var bytes: [UInt8] = Array("before".utf8)
            writer.record(into: &bytes) { record in
                for cell in cells { record.append(cell) }
            }
            #expect(String(decoding: bytes, as: UTF8.self) == "before" + writer.row(cells))
        }
    }

    @Test(
        "numbers are written as their decimal digits, a negative one guarded like text",
        arguments: [0, 7, 10, 32_000_000, Int64.max, -5, Int64.min])
    func numbers(value: Int64) {
        var bytes: [UInt8] = []
        CSVWriter().record(into: &bytes) { $0.append(value) }
        #expect(String(decoding: bytes, as: UTF8.self) == CSVWriter().row([String(value)]))
    }

    @Test(
        "the month of a row's date is its first seven characters",
        arguments: [
            "2025-08-25", "2025-08", "2025", "", "２０２５-08-25", "2025-0\u{301}8-25", "2025-08\u{301}-25",
            "2025-0\r\n8-25",
        ])
    func month(date: String) {
        #expect(EventView.month(of: date) == String(date.prefix(7)))
    }
}
