import Foundation

/// Feed definitions written for one test: `[[feed]]` tables of RSS feeds, one file per call.
enum FeedFolder {
    /// A feed of one item carrying `text`, as served by a test server.
    static func rss(title: String, link: String, text: String) -> String {
        """
        <?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>基金</title>
        <link>https://news.example.cn/</link><item><title>\(title)</title><link>\(link)</link>
        <pubDate>2025-08-26 08:00</pubDate><description>\(text)</description></item></channel></rss>
        """
    }

    static let huataiText =
        "8月25日，华泰证券资管公告，将于近期陆续运用不超过3200万元自有资金投资公司旗下权益类公募基金，持有期不少于1年。"
    static let jiashiText = "嘉实基金已于9月12日运用固有资金5000万元申购旗下嘉实中证A500ETF，持有期不少于1年。"

    /// Writes `file` (in `folder`, created when missing) defining each feed with `interval` and a 3 s timeout.
    @discardableResult
    static func write(
        _ definitions: [(id: String, url: String)], in folder: String, file: String = "test.toml",
        interval: String = "1h"
    ) throws -> String {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let text = definitions.map {
            "[[feed]]\nid = \"\($0.id)\"\nurl = \"\($0.url)\"\nkind = \"rss\"\ninterval = \"\(interval)\"\n"
                + "timeout = \"3s\"\n"
        }
        .joined(separator: "\n")
        try Data(text.utf8).write(to: URL(fileURLWithPath: folder + "/" + file))
        return folder
    }

    /// Waits up to `seconds` for `condition`, checking every quarter second.
    static func waitFor(seconds: Double, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return true }
            Thread.sleep(forTimeInterval: 0.25)
        }
        return try condition()
    }
}
