import Testing

@testable import SelfBuyDetection

/// The shortcuts the detector takes past text that cannot give a pledge or a near miss: each must change nothing.
@Suite("Reading gates")
struct ReadingGateTests {
    let detector = PledgeDetector()

    /// Whether reading `sentence` of `text` gives a pledge or a near miss (what it gives does not depend on the
    /// sentences before, only what it says).
    static func readGivesSomething(_ text: Scalars, _ sentence: Sentence, scanner: SubjectScanner) -> Bool {
        let context = DocumentContext(text: text, original: text, title: nil, originalTitle: nil, directory: .bundled)
        let reader = SentenceReader(
            original: text, text: text, sentence: sentence, elements: scanner.elements(in: sentence.range),
            context: context, previous: nil, previousSentence: nil, date: nil,
            evidence: Evidence(text: text[sentence.range].string, start: sentence.start, end: sentence.end))
        let (candidates, misses) = reader.read()
        return !candidates.isEmpty || !misses.isEmpty
    }

    /// The gate of one whole sentence (as the detector's splitter gives it), with the elements it had to compute.
    func gate(_ sentence: String) -> (mayYield: Bool, computedElements: Bool, yields: Bool) {
        let text = sentence.scalars
        let scanner = SubjectScanner(text: text, directory: .bundled)
        var elements: [Element]?
        let mayYield = SentenceReader.mayYield(text, range: 0..<text.count, scanner: scanner, elements: &elements)
        let yields = Self.readGivesSomething(text, Sentence(start: 0, end: text.count), scanner: scanner)
        return (mayYield, elements != nil, yields)
    }

    @Test("a sentence with its own money and a buying verb passes the sentence gate on its words alone")
    func ownMoneyPasses() {
        let result = gate("博时基金拟运用固有资金3000万元投资旗下权益类基金。")
        #expect(result.mayYield && result.yields)
        #expect(!result.computedElements)
    }

    @Test("自购 as a noun with a sum passes the gate (a figure about purchases); without a sum it does not")
    func purchaseFigure() {
        let figure = gate("易方达基金今年自购金额达3亿元。")
        #expect(figure.mayYield && figure.yields && !figure.computedElements)
        let noSum = gate("易方达基金的自购金额尚未披露。")
        #expect(!noSum.mayYield && !noSum.yields)
    }

    @Test("a sentence that buys a fund carrying a brand with a sum passes the gate once its elements are read")
    func boughtBrandFundPasses() {
        let result = gate("投资者买入了华安众鑫90天滚动短债5000万元。")
        #expect(result.mayYield && result.yields)
        #expect(result.computedElements)
        #expect(detector.review("投资者买入了华安众鑫90天滚动短债5000万元。").nearMisses.count == 1)
        // Without a sum the same purchase gives nothing, and the gate says so before reading the elements.
        let noSum = gate("投资者买入了华安众鑫90天滚动短债。")
        #expect(!noSum.mayYield && !noSum.yields && !noSum.computedElements)
    }

    @Test("a market sentence with 投资 and no act, own funds or bought brand fund is not read")
    func marketTalkIsNotRead() {
        for sentence in [
            "市场人士表示，权益资产的投资价值凸显。", "华夏基金表示将继续加大投资力度。", "投资者可关注南方基金的公告。",
            // The words of a self-purchase without a sum, own money or 自购 as a verb.
            "投资者可登录本公司网站查询旗下基金的信息。",
        ] {
            let result = gate(sentence)
            #expect(!result.mayYield, "\(sentence)")
            #expect(!result.yields, "\(sentence)")
            let detection = detector.review(sentence)
            #expect(detection.pledges.isEmpty && detection.nearMisses.isEmpty, "\(sentence)")
        }
    }

    @Test("the sentence gate agrees with reading the sentence, for every sentence of the labelled corpora")
    func gateAgreesWithReading() throws {
        var passed = 0
        var refused = 0
        for labelled in try LabelledCase.load("cases.jsonl") + LabelledCase.load("more-cases.jsonl") {
            let text = labelled.text.scalars
            let scanner = SubjectScanner(text: text, directory: .bundled)
            for sentence in SentenceSplitter.split(text) {
                var elements: [Element]?
                let mayYield = SentenceReader.mayYield(
                    text, range: sentence.range, scanner: scanner, elements: &elements)
                let yields = SentenceReader.yields(
                    text, range: sentence.range, elements: scanner.elements(in: sentence.range))
                let read = Self.readGivesSomething(text, sentence, scanner: scanner)
                #expect(mayYield == read && yields == read, "\(text[sentence.range].string)")
                if mayYield { passed += 1 } else { refused += 1 }
            }
        }
        #expect(passed >= 40 && refused >= 10, "\(passed) sentences pass, \(refused) do not")
    }

    @Test("该公司 after a sentence that is not read still stands for the company that sentence names")
    func pronounAfterAnUnreadSentence() throws {
        // The first sentence has a purchase word (投资) and nothing to yield: its company is the one named last.
        let worded = detector.detect("华夏基金近日发布公告称将加大投资力度。该公司拟运用固有资金5000万元申购旗下基金。")
        #expect(try #require(worded.first).issuer == "华夏基金")
        // A company the directory does not know is named by a sentence with the words, as when it was read…
        let unknown = detector.detect("星辰基金表示看好投资机会。该公司拟运用固有资金5000万元申购旗下基金。")
        #expect(try #require(unknown.first).issuer == "星辰基金")
        #expect(unknown.first?.issuerKnown == false)
        // …but not by a sentence without them, which is searched for directory names only.
        let plain = detector.review("星辰基金表示看好市场。该公司拟运用固有资金5000万元申购旗下基金。")
        #expect(plain.pledges.isEmpty)
        #expect(plain.nearMisses.map(\.reason) == ["no issuer named"])
    }

    @Test("a sentence without a purchase word leaves the last directory name it mentions for 该公司")
    func pronounAfterASentenceWithoutWords() throws {
        let pledges = detector.detect("华夏基金近日发布公告。该公司拟运用固有资金5000万元申购旗下基金。")
        #expect(try #require(pledges.first).issuer == "华夏基金")
    }

    @Test("the splitter's white space is Unicode's White_Space and U+3000, for every scalar")
    func whiteSpaceMatchesUnicode() {
        var spaces = 0
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let expected = scalar.properties.isWhitespace || scalar == "\u{3000}"
            if SentenceSplitter.isSpace(scalar) != expected {
                Issue.record("U+\(String(value, radix: 16, uppercase: true))")
            }
            if expected { spaces += 1 }
        }
        #expect(spaces == 25)
        #expect(!SentenceSplitter.isSpace("基") && SentenceSplitter.isSpace("\u{3000}"))
    }

    @Test("decoding a string to scalars gives its unicode scalars, in every UTF-8 length")
    func scalarsDecodeEveryLength() {
        for text in [
            "", "abc", "é ü ß", "华夏基金拟自购", "😀🀄︎𠀀", "Mixed 华夏 é 😀 \n\t end", String(repeating: "基金", count: 500),
        ] {
            #expect(text.scalars == Array(text.unicodeScalars), "\(text)")
            #expect(text.scalars.capacity >= text.unicodeScalars.count)
        }
    }

    @Test("the splitter's ideograph shortcut keeps every terminator, bracket and quote")
    func splitterKeepsPunctuation() {
        let text = "甲说：“乙。丙！”丁（戊。己）庚；辛？壬\n癸「子。丑」寅【卯。辰】巳《午。未》申〔酉。戌〕亥‘一。二’三!四?五;六"
        let sentences = SentenceSplitter.split(text.scalars).map { text.scalars[$0.range].string }
        #expect(
            sentences == [
                "甲说：“乙。丙！”丁（戊。己）庚；", "辛？", "壬", "癸「子。丑」寅【卯。辰】巳《午。未》申〔酉。戌〕亥‘一。二’三!", "四?",
                "五;", "六",
            ])
    }
}
