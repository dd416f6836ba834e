import Foundation
import SelfBuyDetection

/// The news archive `selfbuy-bench pipeline` ingests: RSS feeds written as ``ParseBench`` writes them (UTF-8, every
/// third feed GB18030), but every item a distinct document, as in a real archive, and pledges as rare as they are in
/// fund news: about one item in twenty reports one (some of them reports of an earlier pledge, which merge), one in
/// twenty names a purchase word without being a pledge (fees, subscriptions by investors), the rest is market news.
///
/// `ParseBench`'s items repeat four bodies, which content identity would store four times and skip otherwise: a fair
/// measure of parsing, not of ingesting.
enum PipelineCorpus {
    static let news = [
        "A股三大指数午后走强，沪深300指数上涨1.2%，两市成交额较前一交易日放大，券商、保险板块领涨。",
        "央行今日开展5000亿元MLF操作，中标利率持平，市场流动性保持合理充裕。",
        "截至二季度末，公募基金管理规模合计超过32万亿元，较一季度末增长4.6%。",
        "债券市场整体震荡，10年期国债收益率下行2个基点，信用债成交活跃。",
        "业内人士认为，权益市场估值处于历史较低水平，中长期配置价值凸显。",
        "多只新发基金提前结束募集，投资者对低波动产品的关注度明显提升。",
        "港股市场表现分化，恒生科技指数小幅回落，医药板块逆势上涨。",
        "分析师指出，下半年经济修复节奏仍需观察，政策面有望保持稳定。",
    ]

    static let lookalikes = [
        "本基金募集规模上限为50亿元，单个投资人累计认购金额不超过1000万元。",
        "该基金A类份额的申购费率为1.2%，持有满1年后赎回不收取赎回费。",
    ]

    static let issuers = IssuerDirectory.bundled.issuers.prefix(60).map(\.name)

    /// The text of item `index`: a unique opening, market news, and a pledge or a look-alike for some.
    static func body(_ index: Int) -> String {
        var text = "本报讯（第\(index)期）记者从业内获悉，"
        for offset in 0..<8 { text += news[(index + offset * 3) % news.count] }
        if index % 20 == 7 {
            // Every fourth pledge is another outlet's report of the pledge before it: the same event, merged.
            let pledge = (index / 20) % 4 == 3 ? index - 20 : index
            let issuer = issuers[(pledge / 20) % issuers.count]
            let amount = 1000 + (pledge / 20) % 50 * 100
            text +=
                (pledge == index ? "\(issuer)公告，公司" : "据悉，\(issuer)")
                + "拟运用固有资金\(amount)万元投资旗下权益类基金，持有期不少于1年。"
        } else if index % 20 == 13 {
            text += lookalikes[(index / 20) % lookalikes.count]
        }
        return text
    }

    /// The publication date of item `index`: a pledge and its later report fall within a few days.
    static func day(_ index: Int) -> (month: Int, day: Int) {
        let pledge = index / 20
        return (1 + pledge / 28 % 12, 1 + pledge % 28)
    }

    static func item(_ index: Int) -> String {
        let (month, day) = day(index)
        let date = String(
            format: "%02d %@ 2025", day,
            [
                "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug",
                "Sep", "Oct", "Nov", "Dec",
            ][month - 1])
        return """
            <item><title>基金快讯第\(index)期：市场观察 &amp; 基金动态</title><link>https://news.example.cn/fund/\(index).html</link>
            <guid>https://news.example.cn/fund/\(index).html</guid><pubDate>\(date) 10:30:00 +0800</pubDate>
            <description><![CDATA[<p>\(body(index))</p>]]></description></item>

            """
    }

    /// Writes `feeds` feeds of `items` items each into `folder`.
    static func generate(feeds: Int, items: Int, folder: URL) throws -> [(URL, Int)] {
        var files: [(URL, Int)] = []
        for feedIndex in 0..<feeds {
            var feed = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\"><channel><title>基金频道</title>\n"
            for offset in 0..<items { feed += item(feedIndex * items + offset) }
            feed += "</channel></rss>\n"
            let data: Data
            if feedIndex % 3 == 2 {
                feed = feed.replacingOccurrences(of: "encoding=\"utf-8\"", with: "encoding=\"gb18030\"")
                data = feed.data(using: String.Encoding(rawValue: 0x8000_0632)) ?? Data(feed.utf8)
            } else {
                data = Data(feed.utf8)
            }
            let url = folder.appendingPathComponent(String(format: "feed-%04d.xml", feedIndex))
            try data.write(to: url)
            files.append((url, data.count))
        }
        return files
    }
}
