import Testing

@testable import SelfBuyDetection

/// What the review says of a sentence, and which company a name stands for when a brand the directory knows leads the
/// name of another kind of company or sits inside a fund's name.
@Suite("Near misses of pledge sentences, and brands inside other names")
struct ReviewAndIssuerShapeTests {
    let detector = PledgeDetector()

    @Test("a sentence that gives a pledge gets no 'no amount' near miss for its lead-in")
    func pledgeSentenceHasNoSpuriousMiss() {
        let review = detector.review("华夏基金公告，公司拟运用固有资金不低于1亿元投资旗下权益类基金，持有不少于1年。")
        #expect(review.pledges.count == 1)
        #expect(review.nearMisses.isEmpty, "\(review.nearMisses)")
        let other = detector.review(
            "易方达基金以固有资金1亿元申购旗下易方达中证A500ETF，华夏基金也将以固有资金申购旗下华夏中证A500ETF。")
        #expect(other.pledges.map(\.issuer) == ["易方达基金"])
        #expect(other.nearMisses.map(\.issuer) == ["华夏基金"])
        let alone = detector.review("华夏基金公告，公司拟运用固有资金投资旗下权益类基金。")
        #expect(alone.pledges.isEmpty)
        #expect(!alone.nearMisses.isEmpty)
    }

    @Test("a sentence without terms is one near miss naming its company; a buying word near 本公司 alone is none")
    func oneNearMissPerSentence() {
        let review = detector.review("华夏基金公告，公司拟运用固有资金投资旗下权益类基金。")
        #expect(review.nearMisses.count == 1)
        #expect(review.nearMisses.first?.issuer == "华夏基金")
        #expect(detector.review("投资者可登录本公司网站查询旗下基金的相关信息。").nearMisses.isEmpty)
    }

    @Test("自购 as a noun with a sum is kept for review as a figure, not dropped and not a pledge")
    func selfPurchaseNounIsReviewed() {
        let review = detector.review("易方达基金自购金额达3亿元，位居行业首位。")
        #expect(review.pledges.isEmpty)
        #expect(review.nearMisses.map(\.reason).contains { $0.contains("a figure about purchases") })
        #expect(detector.review("易方达基金近期自购热情较高。").nearMisses.isEmpty)
    }

    @Test("a known brand followed by 资管 or 证券 names that other company, by the shape of its name")
    func brandLeadingAnotherKind() {
        let ping = detector.detect("平安资管宣布，出资2亿元申购本公司旗下权益类产品。")
        #expect(ping.map(\.issuer) == ["平安资管"])
        #expect(ping.first?.issuerKnown == false)
        let guolian = detector.detect("国联证券公告，运用自有资金3000万元申购旗下权益类基金。")
        #expect(guolian.map(\.issuer) == ["国联证券"])
        #expect(detector.detect("南方基金公司公告，运用固有资金3000万元申购旗下权益类基金。").map(\.issuer) == ["南方基金"])
    }

    @Test("every issuer span lies inside its pledge's evidence, also for a company named in an earlier sentence")
    func issuerSpanInsideEvidence() {
        let text = "平安资管宣布，出资2亿元申购本公司旗下权益类产品。\n该公司表示，另将出资3000万元申购旗下债券型基金。\n运用自有资金1000万元申购旗下货币基金，持有期不少于1年。"
        let pledges = detector.detect(text)
        #expect(pledges.count >= 2)
        for pledge in pledges {
            for span in pledge.spans where span.field == .issuer {
                #expect(span.start >= pledge.evidence.start && span.end <= pledge.evidence.end, "\(pledge)")
            }
        }
    }

    @Test("a brand inside the name of a fund another brand starts is not a company of the sentence")
    func brandInsideFundName() {
        let text = "中欧基金公告称，公司拟以固有资金1亿元投资旗下权益类基金，其中中欧医疗健康2000万元、中欧时代先锋2000万元、中欧价值发现4000万元、中欧明睿新常态2000万元。"
        let pledges = detector.detect(text)
        #expect(pledges.map(\.issuer) == ["中欧基金"])
        #expect(pledges.first?.amountYuan == 100_000_000)
        #expect(detector.detect("中欧基金、先锋基金分别拟运用固有资金2000万元、1000万元申购旗下权益类基金。").map(\.issuer) == ["中欧基金", "先锋基金"])
    }
}
