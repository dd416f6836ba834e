import Testing

@testable import SelfBuyDetection

/// Classes found by a second set of real-style texts written apart from the detector: counts that stand for the list
/// before them, the company's part of joint money, bare dates governing a purchase, names inside fund names, and
/// products bought with 参与.
extension PhrasingClassTests {
    @Test(
        "a count of exactly the companies just listed stands for them; any other count stays statistics",
        arguments: [
            PhrasingCase(
                "国联基金、东兴基金日前也宣布自购，两家公司均表示将各出资2000万元申购旗下偏股型基金。",
                [
                    PhrasingRow("国联基金", 20_000_000, .exact, type: .equity),
                    PhrasingRow("东兴基金", 20_000_000, .exact, type: .equity),
                ]),
            PhrasingCase("国联基金、东兴基金宣布自购，三家公司各出资2000万元申购旗下偏股型基金。", []),
            PhrasingCase("年内已有两家公司宣布自购，合计出资4000万元申购旗下偏股型基金。", []),
        ])
    func countStandsForTheList(example: PhrasingCase) {
        check(example)
    }

    @Test(
        "the company's part of a sum with its people's money is its pledge; the sum alone with people is joint",
        arguments: [
            PhrasingCase(
                "长城基金、基金经理及员工拟合计出资6000万元认购新发基金，其中公司固有资金出资4000万元。",
                [PhrasingRow("长城基金", 40_000_000, .exact)]),
            PhrasingCase(
                "长城基金拟出资6000万元认购新发基金，其中公司固有资金出资4000万元、员工出资2000万元。",
                [PhrasingRow("长城基金", 40_000_000, .exact)]),
            PhrasingCase(
                "长城基金连同旗下基金经理合计出资不低于3000万元，申购公司旗下权益类基金。",
                [PhrasingRow("长城基金", 30_000_000, .min, type: .equity)]),
            PhrasingCase(
                "长城基金拟连同基金经理出资3000万元认购旗下新基金。", [PhrasingRow("长城基金", 30_000_000, .exact)]),
            PhrasingCase("长城基金旗下基金经理合计出资3000万元认购旗下新基金。", []),
            PhrasingCase(
                "广发基金与旗下广发资管合计以固有资金2亿元申购旗下ETF。",
                [PhrasingRow("广发基金", 200_000_000, .exact, type: .etf)]),
            PhrasingCase(
                "长城基金拟运用固有资金1亿元投资旗下基金，其中4000万元投资A基金，6000万元投资B基金。",
                [PhrasingRow("长城基金", 100_000_000, .exact)]),
        ])
    func companyPartOfJointMoney(example: PhrasingCase) {
        check(example)
    }

    @Test(
        "a bare date straight before the purchase verb is a purchase made; 起 or an announcement is not",
        arguments: [
            PhrasingCase(
                "国泰基金3月12日申购旗下国泰中证A500ETF联接500万元。",
                [PhrasingRow("国泰基金", 5_000_000, .exact, type: .etf, status: .completed)]),
            PhrasingCase(
                "国泰基金3月12日又运用固有资金800万元申购旗下权益类基金。",
                [PhrasingRow("国泰基金", 8_000_000, .exact, type: .equity, status: .completed)]),
            PhrasingCase(
                "国泰基金3月12日公告，运用固有资金800万元申购旗下权益类基金。",
                [PhrasingRow("国泰基金", 8_000_000, .exact, type: .equity)]),
            PhrasingCase(
                "国泰基金每月12日申购旗下国泰中证A500ETF联接500万元。",
                [PhrasingRow("国泰基金", 5_000_000, .exact, type: .etf)]),
            PhrasingCase(
                "国泰基金3月12日起申购旗下权益类基金，拟运用固有资金800万元。",
                [PhrasingRow("国泰基金", 8_000_000, .exact, type: .equity)]),
        ])
    func bareDateGovernsPurchase(example: PhrasingCase) {
        check(example)
    }

    @Test(
        "a brand right after a fund's leading brand is a word of that fund's name, not its manager",
        arguments: [
            PhrasingCase(
                "永赢先锋智选混合成立公告显示，基金管理人已运用固有资金认购1000万元，承诺持有不少于3年。",
                [PhrasingRow("永赢基金", 10_000_000, .exact, period: "P3Y", type: .mixed, status: .completed)]),
            PhrasingCase(
                "先锋基金公告，已运用固有资金认购旗下先锋聚优混合1000万元。",
                [PhrasingRow("先锋基金", 10_000_000, .exact, type: .mixed, status: .completed)]),
        ])
    func brandInsideFundName(example: PhrasingCase) {
        check(example)
    }

    @Test(
        "a product bought with 参与 keeps the words after it; 参与 without the company's own product is no pledge",
        arguments: [
            PhrasingCase(
                "国信证券资管公告，将以自有资金2000万元参与旗下国信证券资管稳盈一号偏股混合集合计划，持有期不少于18个月。",
                [PhrasingRow("国信证券资管", 20_000_000, .exact, period: "P18M", type: .mixed, known: false)]),
            PhrasingCase("国信证券资管公告，将以自有资金2000万元参与某上市公司定增。", []),
            PhrasingCase(
                "博时基金以固有资金5000万元申购博时中证可转债及可交换债券ETF。",
                [PhrasingRow("博时基金", 50_000_000, .exact, type: .etf)]),
            PhrasingCase(
                "财通基金以自有资金3000万元认购财通定增精选混合基金，持有不少于1年。",
                [PhrasingRow("财通基金", 30_000_000, .exact, period: "P1Y", type: .mixed)]),
            PhrasingCase("国信证券资管拟以自有资金5000万元增资全资子公司。", []),
        ])
    func productBoughtWithCanYu(example: PhrasingCase) {
        check(example)
    }

    @Test(
        "statistics words in the subject's own clause before it refuse it; lead-in clauses of their own do not",
        arguments: [
            PhrasingCase("年内易方达基金自购3亿元。", []),
            PhrasingCase("易方达基金年内自购3亿元。", []),
            PhrasingCase(
                "今年以来，市场持续震荡，华夏基金宣布拟运用固有资金1亿元投资旗下权益类基金。",
                [PhrasingRow("华夏基金", 100_000_000, .exact, type: .equity)]),
        ])
    func statisticsBeforeTheSubject(example: PhrasingCase) {
        check(example)
    }

    @Test(
        "a holding period committed to in the next sentence is the pledge's; a rule quoted or another company's is not",
        arguments: [
            PhrasingCase(
                "富国基金公告称，该公司将于近期运用固有资金不低于3000万元申购旗下权益类基金。公司承诺，本次申购所得份额的持有期限不少于1年。",
                [PhrasingRow("富国基金", 30_000_000, .min, period: "P1Y", type: .equity)]),
            PhrasingCase(
                "富国基金拟运用固有资金3000万元申购旗下权益类基金。根据规定，发起式基金的发起资金持有期限不少于三年。",
                [PhrasingRow("富国基金", 30_000_000, .exact, type: .equity)]),
            PhrasingCase(
                "富国基金拟运用固有资金3000万元申购旗下权益类基金。公司另将出资2000万元认购旗下债券基金，持有期不少于半年。",
                [
                    PhrasingRow("富国基金", 30_000_000, .exact, type: .equity),
                    PhrasingRow("富国基金", 20_000_000, .exact, period: "P6M", type: .bond),
                ]),
            PhrasingCase(
                "富国基金拟运用固有资金3000万元申购旗下权益类基金。公司同日公告，汇添富基金承诺持有期限不少于1年。",
                [PhrasingRow("富国基金", 30_000_000, .exact, type: .equity)]),
        ])
    func commitmentInTheNextSentence(example: PhrasingCase) {
        check(example)
    }

    @Test(
        "a further tranche (二是…) buying a fund of the brand named before is that company's; a buyer without it is not",
        arguments: [
            PhrasingCase(
                "长城基金将分两笔自购：一是以固有资金1亿元申购长城中证A500ETF；二是以5000万元申购长城价值精选混合。",
                [
                    PhrasingRow("长城基金", 100_000_000, .exact, type: .etf),
                    PhrasingRow("长城基金", 50_000_000, .exact, type: .mixed),
                ]),
            PhrasingCase(
                "长城基金以固有资金1亿元申购长城中证A500ETF。投资者以1000元申购长城价值精选混合即可参与。",
                [PhrasingRow("长城基金", 100_000_000, .exact, type: .etf)]),
        ])
    func furtherTranche(example: PhrasingCase) {
        check(example)
    }
}
