import Foundation
import SelfBuyDetection
import SelfBuyKit

/// Detector throughput over generated mixed text: news paragraphs, statistics, refusals and pledges.
enum DetectBench {
    static let paragraphs = [
        "8月25日，华泰证券（上海）资产管理有限公司（简称“华泰证券资管”）公告，将于近期陆续运用不超过3200万元自有资金投资公司旗下权益类公募基金，持有期不少于1年。",
        "8月已有包括南方基金、工银瑞信基金、泰康基金等在内的多家公募启动了自购计划。",
        "华泰证券资管是华泰证券旗下的资管子公司，2016年获得公募牌照，截至2024年末，公募基金管理规模为1386.69亿元。",
        "A股三大指数午后走强，沪深300指数上涨1.2%，两市成交额较前一交易日放大，券商、保险板块领涨。",
        "海富通基金、浦银安盛基金分别公告，拟运用固有资金不低于1000万元、2000万元投资旗下权益类基金，持有期均不少于1年。",
        "本基金募集规模上限为50亿元，单个投资人累计认购金额不超过1000万元。",
        "业内人士认为，公募基金通过自购与投资者利益绑定，传递长期投资的信心，也有助于稳定市场预期。",
        "央行今日开展5000亿元MLF操作，中标利率持平，市场流动性保持合理充裕。",
    ]

    /// Cycles through 64 distinct documents until `megabytes` of text have been detected, so memory shows what the
    /// detector holds, not the corpus.
    static func run(megabytes: Int) {
        let documents = (0..<64).map { index in
            (0..<12).map { paragraphs[(index + $0 * 3) % paragraphs.count] + "\n" }.joined()
        }
        let detector = PledgeDetector.standard
        _ = detector.detect(documents[0])
        let before = Measure.peakMemoryMB
        var pledges = 0
        var total = 0
        var count = 0
        let (_, elapsed) = Measure.seconds {
            while total < megabytes * 1_000_000 {
                let document = documents[count % documents.count]
                pledges += detector.detect(document, documentDate: "2025-08-26").count
                total += document.utf8.count
                count += 1
            }
        }
        print(
            "detect: \(count) documents, \(Measure.format(Double(total) / 1e6)) MB, \(pledges) pledges in "
                + "\(Measure.format(elapsed, 2)) s = \(Measure.format(Double(total) / 1e6 / elapsed)) MB/s on one core; "
                + "peak memory \(Measure.format(Measure.peakMemoryMB)) MB (\(Measure.format(before)) MB before detecting)"
        )
    }
}
