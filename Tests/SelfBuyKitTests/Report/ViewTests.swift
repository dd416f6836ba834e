import SelfBuyDetection
import Testing

@testable import SelfBuyKit

@Suite("event and month views, units and filters")
struct ViewTests {
    static func event(
        id: String, date: String?, issuer: String = "华泰证券资管", amount: Int64?, bound: AmountBound?,
        fundType: FundType = .equity, sources: [EventSource] = []
    ) -> TimelineEvent {
        TimelineEvent(
            id: id, date: date, issuer: issuer, issuerFull: issuer + "有限公司", amountYuan: amount,
            amountUpperYuan: nil, amountBound: bound, currency: "CNY", holdingPeriod: "P1Y", fundType: fundType,
            status: .planned, evidence: "stored sentence", sources: sources, firstSourceURL: "https://first.example/")
    }

    @Test(
        "amounts read in 万 and 亿 as Chinese financial text writes them",
        arguments: [
            (Int64(32_000_000), AmountUnit.wan, "3,200万"), (32_000_000, .yi, "0.32亿"),
            (220_000_000, .yi, "2.2亿"), (12_345, .wan, "1.2345万"), (123_456, .wan, "12.3456万"),
            (1_234_567, .yi, "0.0123亿"), (99_999, .yi, "0.001亿"), (32_000_000, .yuan, "32,000,000"),
        ])
    func units(yuan: Int64, unit: AmountUnit, text: String) {
        #expect(unit.format(yuan) == text)
    }

    @Test("the evidence and its URL come from the same source, and spans are relative to the sentence")
    func evidenceWithItsSource() {
        let source = EventSource(
            url: "https://notice.example/a", title: "公告", published: "2025-08-25T17:30:00+08:00",
            fetchedAt: "2025-08-26T00:00:00+08:00", contentHash: "h", evidence: "甲拟运用3200万元。", evidenceStart: 10,
            evidenceEnd: 20, issuerMention: "甲", spans: [FieldSpan(field: .amount, start: 15, end: 21)])
        let view = EventView(Self.event(id: "e", date: "2025-08-25", amount: 1, bound: .exact, sources: [source]))
        #expect(view.evidence.text == "甲拟运用3200万元。")
        #expect(view.evidence.sourceURL == "https://notice.example/a")
        #expect(view.evidence.spans == [FieldSpan(field: .amount, start: 5, end: 11)])
    }

    @Test("months keep every bound apart with its count, and undated events make the last month")
    func monthTally() {
        let views = [
            Self.event(id: "a", date: "2025-07-03", amount: 220_000_000, bound: .approx),
            Self.event(id: "b", date: "2025-07-10", issuer: "广发基金", amount: 10_000_000, bound: .min),
            Self.event(id: "c", date: nil, amount: 50_000_000, bound: .exact),
            Self.event(id: "d", date: "2025-07-11", amount: nil, bound: nil, fundType: .bond),
        ].map(EventView.init)
        let months = MonthView.months(of: views)
        #expect(months.map(\.label) == ["2025-07", "undated"])
        #expect(months[0].total(.approx) == MonthView.BoundTotal(yuan: 220_000_000, events: 1))
        #expect(months[0].total(.atLeast) == MonthView.BoundTotal(yuan: 10_000_000, events: 1))
        #expect(months[0].unknownAmountEvents == 1)
        #expect(months[0].issuers == 2)
        #expect(months[0].byFundType == [.equity: 2, .bond: 1])
        #expect(months[1].total(.exact).yuan == 50_000_000)
    }

    @Test(
        "an issuer is found by canonical, legal or short name",
        arguments: [
            ("华泰资管", "华泰证券资管", true), ("华泰证券（上海）", "华泰证券资管", true), ("华泰证券资管", "华泰证券资管", true),
            ("华泰", "华泰柏瑞基金", true), ("易方达", "华泰证券资管", false), ("泰资管", "华泰证券资管", false),
        ])
    func issuerQuery(query: String, issuer: String, matches: Bool) {
        let legal = IssuerDirectory.bundled.issuer(named: issuer)?.legalName ?? issuer
        #expect(IssuerQuery(query).matches(issuer: issuer, legalName: legal) == matches)
    }

    @Test("filters read days, months, lists and amounts in 万 and 亿")
    func selectionArguments() throws {
        let selection = try EventSelection(
            from: "2025-01", to: "2025-12", fundType: "equity,etf", status: "planned", bound: "at_most,exact",
            minAmount: "1.5亿")
        #expect(selection.from == "2025-01-01")
        #expect(selection.to == "2025-12-31")
        #expect(selection.fundTypes == [.equity, .etf])
        #expect(selection.bounds == [.max, .exact])
        #expect(selection.minimumYuan == 150_000_000)
        #expect(try EventSelection(minAmount: "5000万").minimumYuan == 50_000_000)
        #expect(try EventSelection(minAmount: "20,000,000").minimumYuan == 20_000_000)
    }

    @Test(
        "a filter that cannot be read names the option",
        arguments: [
            (["--min-amount", "-5"], "--min-amount"), (["--min-amount", "1.5"], "--min-amount"),
            (["--min-amount", "99999999999亿"], "--min-amount"), (["--fund-type", "stocks"], "--fund-type"),
            (["--bound", "max,"], "--bound"), (["--from", "2025-13"], "--from"), (["--month", "2025-8"], "--month"),
        ])
    func badSelection(arguments: [String], option: String) {
        let value = arguments[1]
        #expect {
            switch arguments[0] {
            case "--min-amount": _ = try EventSelection(minAmount: value)
            case "--fund-type": _ = try EventSelection(fundType: value)
            case "--bound": _ = try EventSelection(bound: value)
            case "--from": _ = try EventSelection(from: value)
            default: _ = try EventSelection(month: value)
            }
        } throws: { error in
            (error as? SelectionError)?.description.hasPrefix(option) == true
        }
    }

    @Test("filters on fund type, bound, status and amount leave the other events out")
    func admits() {
        var cache: [String: Bool] = [:]
        var selection = EventSelection()
        selection.bounds = [.max]
        selection.minimumYuan = 30_000_000
        #expect(selection.admits(Self.event(id: "a", date: nil, amount: 32_000_000, bound: .max), issuerCache: &cache))
        #expect(!selection.admits(Self.event(id: "b", date: nil, amount: 20_000_000, bound: .max), issuerCache: &cache))
        #expect(!selection.admits(Self.event(id: "c", date: nil, amount: 50_000_000, bound: .min), issuerCache: &cache))
        #expect(!selection.admits(Self.event(id: "d", date: nil, amount: nil, bound: nil), issuerCache: &cache))
    }
}
