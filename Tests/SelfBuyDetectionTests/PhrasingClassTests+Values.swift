import Testing

@testable import SelfBuyDetection

/// The values read once a pledge is found: holding periods, fund types, status, near misses, cut numbers.
extension PhrasingClassTests {
    // MARK: - 6. Holding periods

    @Test(
        "buying windows, fund names and dates are not holding periods",
        arguments: [
            PhrasingCase(
                "博时基金将于公告之日起30个交易日内运用固有资金3000万元申购旗下权益类基金。",
                [PhrasingRow("博时基金", 30_000_000, .exact, type: .equity)]),
            PhrasingCase(
                "自1月26日起，博时基金拟运用固有资金3000万元申购旗下权益类基金，并长期持有。",
                [PhrasingRow("博时基金", 30_000_000, .exact, type: .equity)]),
            PhrasingCase(
                "博时基金拟运用固有资金3000万元申购旗下一年持有期混合型基金。",
                [PhrasingRow("博时基金", 30_000_000, .exact, type: .mixed)]),
            PhrasingCase(
                "嘉实基金拟运用固有资金5000万元认购旗下一只18个月封闭运作的混合型基金。",
                [PhrasingRow("嘉实基金", 50_000_000, .exact, type: .mixed)]),
            PhrasingCase(
                "中欧基金拟运用固有资金2000万元申购旗下权益类基金，将持有至1月26日。",
                [PhrasingRow("中欧基金", 20_000_000, .exact, type: .equity)]),
            PhrasingCase(
                "中欧基金拟运用固有资金2000万元申购旗下权益类基金，将持有至2026年1月26日。",
                [PhrasingRow("中欧基金", 20_000_000, .exact, type: .equity)]),
        ])
    func notHoldingPeriods(example: PhrasingCase) {
        check(example)
    }

    @Test(
        "a stated minimum holding is read next to windows and dates",
        arguments: [
            PhrasingCase(
                "自1月26日起，天弘基金拟运用固有资金3000万元申购旗下权益类基金，持有期不少于18个月。",
                [PhrasingRow("天弘基金", 30_000_000, .exact, period: "P18M", type: .equity)]),
            PhrasingCase(
                "天弘基金将于30个交易日内运用固有资金3000万元申购旗下权益类基金，并自1月26日起持有不少于1年。",
                [PhrasingRow("天弘基金", 30_000_000, .exact, period: "P1Y", type: .equity)]),
        ])
    func holdingPeriods(example: PhrasingCase) {
        check(example)
    }

    // MARK: - 7. Fund types

    @Test(
        "the fund type is the class the pledge names",
        arguments: [
            PhrasingCase(
                "易方达基金拟运用固有资金1亿元申购旗下股票型、混合型基金。",
                [PhrasingRow("易方达基金", 100_000_000, .exact, type: .equity)]),
            PhrasingCase(
                "易方达基金拟运用固有资金1亿元申购旗下偏股型及FOF基金。",
                [PhrasingRow("易方达基金", 100_000_000, .exact, type: .unspecified)]),
            PhrasingCase(
                "南方基金拟运用固有资金5000万元申购旗下权益基金南方中证A500ETF。",
                [PhrasingRow("南方基金", 50_000_000, .exact, type: .etf)]),
            PhrasingCase(
                "华夏基金拟运用固有资金不低于5000万元投资旗下沪深300ETF等权益类基金。",
                [PhrasingRow("华夏基金", 50_000_000, .min, type: .equity)]
            ),
            PhrasingCase(
                "广发基金拟运用固有资金2000万元申购旗下一只以中证A500指数为业绩比较基准的偏股混合型基金。",
                [PhrasingRow("广发基金", 20_000_000, .exact, type: .mixed)]),
            PhrasingCase(
                "广发基金拟运用固有资金2000万元申购旗下跟踪中证A500指数的主动权益产品。",
                [PhrasingRow("广发基金", 20_000_000, .exact, type: .equity)]),
        ])
    func fundTypes(example: PhrasingCase) {
        check(example)
    }

    // MARK: - 8. Status

    @Test(
        "completed only when the money went in",
        arguments: [
            PhrasingCase(
                "交银施罗德基金已运用固有资金2000万元申购旗下权益类基金。",
                [PhrasingRow("交银施罗德基金", 20_000_000, .exact, type: .equity, status: .completed)]),
            PhrasingCase(
                "交银施罗德基金已于3月4日运用固有资金2000万元申购旗下权益类基金。",
                [PhrasingRow("交银施罗德基金", 20_000_000, .exact, type: .equity, status: .completed)]),
            PhrasingCase(
                "鹏华基金以固有资金申购了旗下权益类基金2000万元。",
                [PhrasingRow("鹏华基金", 20_000_000, .exact, type: .equity, status: .completed)]),
            PhrasingCase(
                "工银瑞信基金于3月4日以1000万元买入旗下中证A500ETF。",
                [PhrasingRow("工银瑞信基金", 10_000_000, .exact, type: .etf, status: .completed)]
            ),
            PhrasingCase(
                "工银瑞信基金于3月4日公告，拟以1000万元申购旗下权益类基金。",
                [PhrasingRow("工银瑞信基金", 10_000_000, .exact, type: .equity)]),
            PhrasingCase(
                "工银瑞信基金于3月4日宣布运用固有资金1000万元申购旗下权益类基金。",
                [PhrasingRow("工银瑞信基金", 10_000_000, .exact, type: .equity)]),
            PhrasingCase(
                "招商基金已买入或即将买入旗下权益类基金，运用固有资金不低于1亿元。",
                [PhrasingRow("招商基金", 100_000_000, .min, type: .equity)]),
            PhrasingCase(
                "富国基金斥资3000万元自购旗下权益类基金。",
                [PhrasingRow("富国基金", 30_000_000, .exact, type: .equity)]),
        ])
    func status(example: PhrasingCase) {
        check(example)
    }

    // MARK: - 9. Near misses

    @Test(
        "a refused sentence leaves a near miss with its reason",
        arguments: [
            "今年以来，易方达基金运用固有资金申购旗下基金8亿元，位居行业第一。",
            "汇添富基金的高管和基金经理拟以自有资金2000万元申购旗下权益类基金。",
        ])
    func nearMisses(text: String) {
        let detection = PledgeDetector().review(text, documentDate: "2025-04-09")
        #expect(detection.pledges.isEmpty)
        #expect(!detection.nearMisses.isEmpty)
        #expect(detection.nearMisses.allSatisfy { !$0.reason.isEmpty })
    }

    @Test("unrelated text leaves no near miss", arguments: ["今天天气晴朗，沪深两市小幅上涨。", "该基金经理管理规模超过100亿元。"])
    func noNearMisses(text: String) {
        let detection = PledgeDetector().review(text, documentDate: "2025-04-09")
        #expect(detection.pledges.isEmpty)
        #expect(detection.nearMisses.isEmpty)
    }

    // MARK: - 10. An amount cut by a line break

    @Test(
        "an amount whose digits a line break cut is never read as its tail",
        arguments: [
            "华宝基金公告，拟运用不超过3\n200万元自有资金投资旗下权益类基金。",
            "华宝基金公告，拟运用不超过3\r\n200万元自有资金投资旗下权益类基金。",
        ])
    func cutAmount(text: String) {
        let detection = PledgeDetector().review(text, documentDate: "2025-04-09")
        #expect(!detection.pledges.contains { $0.amountYuan == 2_000_000 })
        #expect(!detection.nearMisses.isEmpty)
    }

    @Test("the same amount on one line is read whole")
    func wholeAmount() {
        #expect(
            detect("华宝基金公告，拟运用不超过3200万元自有资金投资旗下权益类基金。").map(PhrasingRow.init) == [
                PhrasingRow("华宝基金", 32_000_000, .max, type: .equity)
            ])
    }
}
