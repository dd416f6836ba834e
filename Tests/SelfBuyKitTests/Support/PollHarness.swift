import Foundation
import LoopbackServer

@testable import SelfBuyKit

/// A timeline in a temporary folder, an HTTP transport, and helpers to define feeds against a loopback server.
struct PollHarness {
    let directory: TemporaryDirectory
    let store: TimelineStore
    let transport: HTTPTransport

    init() throws {
        directory = try TemporaryDirectory()
        store = try TimelineStore(path: directory.path("timeline.sqlite"))
        transport = HTTPTransport(connectTimeout: 5)
    }

    func feed(
        _ id: String, _ url: String, kind: SourceKind? = .rss, timeout: TimeInterval = 10,
        interval: TimeInterval = 3600,
        html: FeedDefinition.HTMLList? = nil, match: String? = nil
    ) -> FeedDefinition {
        FeedDefinition(
            id: id, name: id, url: URL(string: url)!, kind: kind, interval: interval, timeout: timeout, encoding: nil,
            timeZone: DateParser.china, match: match, html: html, origin: "test:1")
    }

    func round(hostGap: TimeInterval = 0, sizeLimit: Int = 10 * 1024 * 1024) -> PollRound {
        var round = PollRound(store: store, transport: TransportRouter(http: transport))
        round.hostGap = hostGap
        round.sizeLimit = sizeLimit
        return round
    }

    static func rss(_ items: [(title: String, text: String)], link: String = "https://news.example.cn/") -> String {
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>t</title><link>\(link)</link>"
            + items.enumerated().map { index, item in
                "<item><title>\(item.title)</title><link>\(link)\(index)</link><pubDate>2025-08-26 10:00</pubDate>"
                    + "<description>\(item.text)</description></item>"
            }.joined() + "</channel></rss>"
    }

    static let pledge = (
        title: "华泰证券资管自购", text: "华泰证券资管公告，将于近期陆续运用不超过3200万元自有资金投资公司旗下权益类公募基金，持有期不少于1年。"
    )
}
