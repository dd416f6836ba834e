import Foundation
import LoopbackServer
import SelfBuyKit

/// One polling round over many feeds served by a loopback HTTP server: wall time and peak memory, then a second
/// round that is all conditional requests answered 304.
enum PollBench {
    static func run(feeds count: Int, folder: URL) async throws {
        let server = try LoopbackServer { request in
            let id = request.path.split(separator: "/").last.map(String.init) ?? "0"
            if request.headers["if-none-match"] == "\"\(id)\"" { return .respond(status: 304, headers: [], body: []) }
            return .ok(feed(id), headers: [("ETag", "\"\(id)\"")])
        }
        defer { server.stop() }
        let store = try TimelineStore(path: folder.appendingPathComponent("poll.sqlite").path)
        let definitions = (0..<count).map { index in
            FeedDefinition(
                id: "feed-\(index)", name: "feed \(index)", url: URL(string: "\(server.baseURL)/feeds/\(index)")!,
                kind: .rss, interval: 3600, timeout: 30, encoding: nil, timeZone: DateParser.china, match: nil,
                html: nil,
                origin: "bench:\(index)")
        }
        var round = PollRound(store: store, transport: TransportRouter(http: HTTPTransport()))
        round.hostGap = 0
        round.concurrency = 8
        let before = Measure.peakMemoryMB
        let (results, elapsed) = await measure { await round.run(definitions, all: true) }
        let events = results.reduce(0) { $0 + $1.summary.newEventIDs.count }
        print(
            "poll: \(count) feeds from 127.0.0.1 in one round: \(Measure.format(elapsed, 2)) s, \(events) new events, "
                + "\(results.filter(\.failed).count) failed; peak memory \(Measure.format(Measure.peakMemoryMB)) MB "
                + "(\(Measure.format(before)) MB before)")
        let (second, again) = await measure { await round.run(definitions, all: true) }
        print(
            "poll: second round, conditional: \(Measure.format(again, 2)) s, "
                + "\(second.filter { $0.status == 304 }.count) answered 304")
    }

    static func measure<T>(_ body: () async -> T) async -> (T, Double) {
        let start = DispatchTime.now().uptimeNanoseconds
        let value = await body()
        return (value, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }

    static let issuers = ["华夏基金", "易方达基金", "南方基金", "嘉实基金", "博时基金", "广发基金", "富国基金", "汇添富基金"]

    static func feed(_ id: String) -> String {
        let number = Int(id) ?? 0
        var text = "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>feed \(id)</title>"
        for item in 0..<10 {
            let issuer = issuers[(number + item) % issuers.count]
            let sentence =
                item == 0
                ? "\(issuer)公告，公司拟运用固有资金\(1000 + number)万元投资旗下权益类基金，持有期不少于1年。"
                : "A股三大指数午后走强，两市成交额放大，第\(number)-\(item)条市场快讯。"
            text += "<item><title>快讯 \(id)-\(item)</title><link>https://news.example.cn/\(id)/\(item)</link>"
            text += "<pubDate>2025-08-\(10 + item) 10:00</pubDate><description>\(sentence)</description></item>"
        }
        return text + "</channel></rss>"
    }
}
