import Testing

@testable import SelfBuyDetection

@Suite("Issuers, sentences and refusals")
struct IssuerAndRefusalTests {
    let directory = IssuerDirectory.bundled

    func issuers(_ text: String) -> [String] {
        let scalars = text.scalars
        return directory.mentions(in: scalars, range: 0..<scalars.count).map(\.issuer.name)
    }

    @Test("the directory lists more than 150 issuers with distinct names")
    func directorySize() {
        #expect(directory.issuers.count >= 150)
        #expect(Set(directory.issuers.map(\.name)).count == directory.issuers.count)
    }

    @Test(
        "look-alikes stay apart",
        arguments: [
            ("华泰证券资管", "华泰证券资管"), ("华泰资管", "华泰资管"), ("华泰柏瑞基金", "华泰柏瑞基金"),
            ("华泰保兴基金", "华泰保兴基金"), ("东方红资管", "东方红资管"), ("上海东方证券资产管理有限公司", "东方红资管"),
            ("东方基金", "东方基金"), ("华泰证券（上海）资产管理有限公司", "华泰证券资管"),
            ("华泰证券(上海)资产管理有限公司", "华泰证券资管"), ("中邮创业基金管理股份有限公司", "中邮基金"),
        ])
    func lookAlikes(text: String, expected: String) {
        #expect(issuers(text) == [expected])
    }

    @Test("a user's directory file extends the bundled one")
    func userDirectory() throws {
        var merged = directory
        merged.merge(try IssuerDirectory(tsv: "# mine\n测试资管\t测试证券资产管理有限公司\t测资\n"))
        let pledges = PledgeDetector(directory: merged).detect("测资拟运用自有资金1000万元投资旗下基金。")
        #expect(pledges.first?.issuer == "测试资管")
        #expect(pledges.first?.issuerFull == "测试证券资产管理有限公司")
    }

    @Test("directory fields are trimmed of tabs and every space separator, as Foundation's .whitespaces trims")
    func directoryFieldsTrimmed() throws {
        let file = " 测试资管\u{3000}\t\u{00A0}测试证券（上海）资产管理有限公司 \t 测资 ,\u{2003}测试资产 ,  \n\u{3000}# 注释\n"
        let parsed = try IssuerDirectory(tsv: file)
        #expect(parsed.issuers == [Issuer(name: "测试资管", legalName: "测试证券（上海）资产管理有限公司", aliases: ["测资", "测试资产"])])
        #expect(IssuerDirectory.trimmed("\u{3000} a b\u{00A0}\t") == "a b")
        #expect(IssuerDirectory.trimmed(" \t\u{3000}") == "")
        // The legal name with ASCII brackets names the issuer too.
        let pledges = PledgeDetector(directory: parsed).detect("测试证券(上海)资产管理有限公司拟运用自有资金1000万元投资旗下基金。")
        #expect(pledges.first?.issuer == "测试资管")
    }

    @Test("a malformed directory line is named")
    func malformedDirectory() {
        #expect(throws: IssuerDirectoryError.malformedLine(2)) { try IssuerDirectory(tsv: "甲\t乙\n只有一列\n") }
    }

    @Test("本公司 is resolved from the title")
    func ownCompanyFromTitle() {
        let pledges = PledgeDetector().detect(
            "本公司拟运用固有资金2000万元投资旗下权益类基金。", documentDate: "2025-04-09",
            title: "永赢基金管理有限公司关于运用固有资金投资旗下基金的公告")
        #expect(pledges.first?.issuer == "永赢基金")
        // The mention is the company's name as the document writes it, whatever pronoun the sentence uses.
        #expect(pledges.first?.issuerMention == "永赢基金管理有限公司")
    }

    @Test("本公司 is resolved from the signature block when there is no title")
    func ownCompanyFromSignature() {
        let pledges = PledgeDetector().detect("本公司拟运用固有资金2000万元投资旗下权益类基金。\n特此公告。\n宝盈基金管理有限公司\n2025年4月9日")
        #expect(pledges.first?.issuer == "宝盈基金")
        #expect(pledges.first?.date == "2025-04-09")
    }

    @Test("该公司 is resolved from an earlier sentence")
    func thatCompanyFromEarlierSentence() {
        let pledges = PledgeDetector().detect("德邦基金8日晚间发布公告。该公司拟运用固有资金1000万元投资旗下权益类基金。")
        #expect(pledges.first?.issuer == "德邦基金")
        #expect(pledges.first?.issuerMention == "德邦基金")
    }

    @Test("a pledge whose issuer nothing names is not reported")
    func unresolvedIssuer() {
        #expect(PledgeDetector().detect("公司拟运用固有资金1000万元投资旗下权益类基金。").isEmpty)
    }

    @Test("sentences split at 。！？； and line breaks, never inside quotes or brackets")
    func sentences() {
        let text = "甲说：“今天。明天！”乙（注：一。二）；丙、丁\n戊？"
        let scalars = text.scalars
        let parts = SentenceSplitter.split(scalars).map { Array(scalars[$0.range]).string }
        #expect(parts == ["甲说：“今天。明天！”乙（注：一。二）；", "丙、丁", "戊？"])
    }

    @Test(
        "refusals",
        arguments: [
            "本基金募集规模上限为50亿元，单个投资人累计认购金额不超过1000万元。",
            "公司于7月1日赎回以固有资金申购的旗下货币市场基金，金额合计2亿元。",
            "投资者通过直销柜台申购本基金，申购金额不低于10元。",
            "截至目前共有32家公募运用固有资金自购，合计超过40亿元。",
            "上周股票型基金净申购超过100亿元，投资者运用自有资金踊跃买入。",
            "华夏基金某基金经理以个人资金认购了其管理的基金200万元。",
            "8月已有包括南方基金、工银瑞信基金、泰康基金等在内的多家公募启动了自购计划。",
            "华泰证券资管表示，此举是基于对中国资本市场长期健康稳定发展的信心。",
            "易方达基金旗下易方达沪深300ETF今日成交额达20亿元。",
        ])
    func refusals(text: String) {
        #expect(PledgeDetector().detect(text, documentDate: "2025-04-09").isEmpty)
    }
}
