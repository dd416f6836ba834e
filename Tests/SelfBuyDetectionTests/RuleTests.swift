import Testing

@testable import SelfBuyDetection

@Suite("Bounds, periods, fund types and status")
struct RuleTests {
    func detect(_ text: String, date: String? = "2025-04-09", title: String? = nil) -> [Pledge] {
        PledgeDetector().detect(text, documentDate: date, title: title)
    }

    @Test(
        "the words next to an amount decide its bound",
        arguments: [
            ("不超过", "", AmountBound.max), ("不高于", "", .max), ("不多于", "", .max), ("至多", "", .max),
            ("最高", "", .max), ("上限为", "", .max), ("", "以内", .max), ("不低于", "", .min), ("不少于", "", .min),
            ("至少", "", .min), ("", "以上", .min), ("", "起", .min), ("约", "", .approx), ("", "左右", .approx),
            ("", "", .exact),
        ])
    func bounds(before: String, after: String, expected: AmountBound) throws {
        let pledge = try #require(detect("博时基金拟运用固有资金\(before)3000万元\(after)投资旗下权益类基金。").first)
        #expect(pledge.amountBound == expected)
    }

    @Test("不少于 before a holding period does not bound the amount")
    func boundStaysWithItsAmount() throws {
        let pledge = try #require(detect("博时基金拟运用固有资金3000万元投资旗下权益类基金，持有期不少于1年。").first)
        #expect(pledge.amountBound == .exact)
        #expect(pledge.holdingPeriod == "P1Y")
    }

    @Test(
        "holding periods are ISO 8601 as stated",
        arguments: [
            ("持有期不少于1年", "P1Y"), ("持有期限不少于两年", "P2Y"), ("持有时间不少于18个月", "P18M"),
            ("锁定期180天", "P180D"), ("至少持有180日", "P180D"), ("持有不少于半年", "P6M"), ("持有期不少于一年半", "P18M"),
            ("持有期不少于3个月", "P3M"),
        ])
    func periods(words: String, expected: String) throws {
        let pledge = try #require(detect("博时基金拟运用固有资金3000万元投资旗下权益类基金，\(words)。").first)
        #expect(pledge.holdingPeriod == expected)
    }

    @Test("no stated period, or only a maximum one, is nil")
    func noPeriod() throws {
        #expect(try #require(detect("博时基金拟运用固有资金3000万元投资旗下权益类基金，长期持有。").first).holdingPeriod == nil)
        #expect(
            try #require(detect("博时基金拟运用固有资金3000万元投资旗下基金，持有期不超过1年。").first).holdingPeriod == nil)
    }

    @Test(
        "the most specific fund type wins",
        arguments: [
            ("旗下沪深300ETF", FundType.etf), ("旗下偏股混合型基金", .mixed), ("旗下中证A500指数基金", .index),
            ("旗下纯债基金", .bond), ("旗下货币市场基金", .money), ("旗下FOF基金", .fof), ("旗下权益类基金", .equity),
            ("旗下股票型基金", .equity), ("旗下基金", .unspecified), ("旗下ETF联接基金", .etf),
        ])
    func fundTypes(target: String, expected: FundType) throws {
        let pledge = try #require(detect("博时基金拟运用固有资金3000万元投资\(target)。").first)
        #expect(pledge.fundType == expected)
    }

    @Test(
        "status is completed only when the purchase happened",
        arguments: [
            ("博时基金已于3月4日运用自有资金1000万元认购旗下ETF。", PledgeStatus.completed),
            ("博时基金于3月4日运用自有资金1000万元认购旗下ETF。", .completed),
            ("博时基金已完成运用固有资金1000万元申购旗下基金。", .completed),
            ("博时基金拟运用固有资金1000万元申购旗下基金。", .planned),
            ("博时基金将于近期运用固有资金1000万元申购旗下基金。", .planned),
            ("博时基金已于8月25日公告，将运用固有资金1000万元申购旗下基金。", .planned),
            ("博时基金于8月25日发布公告，拟运用固有资金1000万元申购旗下基金。", .planned),
        ])
    func status(text: String, expected: PledgeStatus) throws {
        #expect(try #require(detect(text).first).status == expected)
    }

    @Test("one issuer pledging into two fund types gives two pledges")
    func twoFundTypes() {
        let pledges = detect("博时基金拟运用固有资金3000万元投资旗下权益类基金、2000万元投资旗下债券型基金。")
        #expect(pledges.map(\.fundType) == [.equity, .bond])
        #expect(pledges.map(\.amountYuan) == [30_000_000, 20_000_000])
    }

    @Test("分别 pairs issuers with amounts in order and shares the bound")
    func pairing() {
        let pledges = detect("海富通基金、浦银安盛基金分别公告，拟运用固有资金不低于1000万元、2000万元投资旗下权益类基金。")
        #expect(pledges.map(\.issuer) == ["海富通基金", "浦银安盛基金"])
        #expect(pledges.map(\.amountBound) == [.min, .min])
    }

    @Test("two issuers that each pledge one stated amount both get it")
    func sharedAmount() {
        let pledges = detect("华夏基金、嘉实基金各拟运用固有资金5000万元投资旗下权益类基金。")
        #expect(pledges.map(\.issuer) == ["华夏基金", "嘉实基金"])
        #expect(pledges.allSatisfy { $0.amountYuan == 50_000_000 })
    }

    @Test("the subject closest before the commitment is the issuer when another is only mentioned")
    func subjectIssuer() {
        let pledges = detect("继华夏基金之后，易方达基金也宣布拟运用固有资金1亿元投资旗下权益类基金。")
        #expect(pledges.map(\.issuer) == ["易方达基金"])
    }

    @Test("a lead sentence repeating the body's pledge counts once, keeping the fuller statement")
    func repeatedPledge() {
        let text = "华泰证券资管拟自购不超过3200万元\n8月25日，华泰证券资管公告，将于近期陆续运用不超过3200万元自有资金投资公司旗下权益类公募基金，持有期不少于1年。"
        let pledges = detect(text)
        #expect(pledges.count == 1)
        #expect(pledges.first?.holdingPeriod == "P1Y")
    }

    @Test("evidence offsets are code points of the input and cover the sentence")
    func evidenceOffsets() throws {
        let text = "前言。𠀀华泰证券资管公告，将运用不超过3200万元自有资金投资旗下权益类基金。后记"
        let pledge = try #require(detect(text).first)
        let scalars = Array(text.unicodeScalars)
        #expect(pledge.evidence.start == 3)
        #expect(
            String(String.UnicodeScalarView(scalars[pledge.evidence.start..<pledge.evidence.end]))
                == pledge.evidence.text)
        let amount = try #require(pledge.spans.first { $0.field == .amount })
        #expect(String(String.UnicodeScalarView(scalars[amount.start..<amount.end])) == "3200万元")
    }

    @Test("a text without a date states none")
    func noDate() throws {
        #expect(try #require(detect("博时基金拟运用固有资金3000万元投资旗下基金。", date: nil).first).date == nil)
        let dated = try #require(detect("2025年4月9日，博时基金拟运用固有资金3000万元投资旗下基金。", date: nil).first)
        #expect(dated.date == "2025-04-09")
    }
}
