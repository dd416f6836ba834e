/// Decides whether a pledge is planned or already carried out.
///
/// `completed` needs words saying the purchase happened: 已/已经/完成 before the purchase (已于3月4日…认购), or a
/// past date directly governing the purchase verb (于3月4日运用自有资金…认购). `planned` is 拟, 将, 计划, 决定, 准备 — and
/// the default, since an announcement of intent is what a pledge is. 已于8月25日公告，将… is planned: the announcing,
/// not the buying, happened.
enum StatusRule {
    static let planned = Keywords(["拟", "将", "计划", "决定", "准备", "打算", "预计", "有意", "择机"])
    static let completed = Keywords([
        "已经", "已于", "已", "完成", "业已", "申购了", "认购了", "买入了", "购买了", "出资了", "自购了", "投资了",
    ])
    static let completedAfter = Keywords(["已全部完成", "已经完成", "已完成", "已实施完毕", "已全部到位", "已到位", "已执行完毕"])
    static let purchaseVerbs = Keywords([
        "运用", "使用", "以固有", "以自有", "申购", "认购", "买入", "购买", "投资", "出资", "自购", "增持", "动用", "斥资",
        "拿出", "掏出", "投向",
    ])
    static let announcementVerbs = Keywords(["公告", "宣布", "表示", "披露", "发布", "称"])

    static func status(_ text: Scalars, range: Range<Int>, purchaseAt: Int) -> (PledgeStatus, Range<Int>?) {
        let before = range.lowerBound..<min(range.upperBound, purchaseAt + 1)
        let plan = planned.last(in: text, range: before)
        var done = completed.last(in: text, range: before)
        // 已买入或即将买入: the text does not say the money went in.
        if let (start, word) = done,
            let alternative = text.find(
                Words.either, in: (start + word.count)..<min(range.upperBound, start + word.count + 8)),
            planned.any(in: text, range: alternative..<min(range.upperBound, alternative + 4))
        {
            return (.planned, alternative..<(alternative + 1))
        }
        if let (start, word) = done {
            // 已于8月25日公告: what happened is the announcement.
            let tail = (start + word.count)..<min(range.upperBound, purchaseAt + 1)
            if let (announce, _) = announcementVerbs.first(in: text, range: tail),
                purchaseVerbs.first(in: text, range: tail).map({ $0.0 > announce }) ?? true
            {
                done = nil
            }
        }
        // The date comes before the amount; the verb it governs may follow the amount (于3月4日以1000万元买入).
        // 此前公告的1亿元自购计划已全部完成: a completion stated after the amount.
        if let (after, word) = completedAfter.first(
            in: text, range: min(range.upperBound, purchaseAt + 1)..<range.upperBound),
            planned.first(in: text, range: (after + word.count)..<range.upperBound) == nil
        {
            return (.completed, after..<(after + word.count))
        }
        if done == nil, plan == nil,
            let dated = datedPurchase(text, range: range, dateBefore: purchaseAt + 1)
                ?? bareDatedPurchase(text, range: range, dateBefore: purchaseAt + 1)
        {
            return (.completed, dated)
        }
        switch (plan, done) {
        case (let plan?, let done?):
            return done.0 > plan.0
                ? (.completed, done.0..<(done.0 + done.1.count)) : (.planned, plan.0..<(plan.0 + plan.1.count))
        case (nil, let done?): return (.completed, done.0..<(done.0 + done.1.count))
        case (let plan?, nil): return (.planned, plan.0..<(plan.0 + plan.1.count))
        case (nil, nil): return (.planned, nil)
        }
    }

    /// Words that may stand between a bare date and the purchase verb it governs (2月6日又申购).
    static let adverbs = ScalarBits("又再也亦均还")

    /// A date without 于 directly before a purchase verb (万家基金2月6日申购旗下…): news for a purchase made that day.
    /// 2月6日起申购 (from then on) and 2月6日公告 (an announcement) are not.
    private static func bareDatedPurchase(_ text: Scalars, range: Range<Int>, dateBefore: Int) -> Range<Int>? {
        let dates = range.lowerBound..<min(range.upperBound, dateBefore)
        for day in text.findAll(Words.day, in: dates) {
            var start = day
            var month = false
            while start > range.lowerBound,
                AmountRule.asciiDigit(text[start - 1]) != nil || ChineseNumber.isDigit(text[start - 1])
                    || ScalarSets.dateScalars.contains(text[start - 1])
            {
                start -= 1
                if text[start] == "月" { month = true }
            }
            // 每月10日申购: a standing plan, not a day's purchase.
            guard month, start + 3 <= day, start == range.lowerBound || text[start - 1] != "每" else { continue }
            var verb = day + 1
            if verb < range.upperBound, adverbs.contains(text[verb]) { verb += 1 }
            if purchaseVerbs.prefix(of: text, at: verb) != nil { return start..<(day + 1) }
        }
        return nil
    }

    /// 于3月4日 followed (within a few characters) by a purchase verb.
    private static func datedPurchase(_ text: Scalars, range: Range<Int>, dateBefore: Int) -> Range<Int>? {
        let dates = range.lowerBound..<min(range.upperBound, dateBefore)
        for start in text.findAll(Words.on, in: dates) + text.findAll(Words.inside, in: dates) {
            var cursor = start + 1
            while cursor < range.upperBound,
                AmountRule.asciiDigit(text[cursor]) != nil
                    || ChineseNumber.isDigit(text[cursor]) || ScalarSets.dateScalars.contains(text[cursor])
            {
                cursor += 1
            }
            guard cursor > start + 2, text[cursor - 1] == "日" else { continue }
            // The purchase verb governed by the date: in the same clause, with no announcing verb before it.
            let window = cursor..<min(Clauses.end(text, after: cursor, limit: range.upperBound), cursor + 20)
            if let (verb, _) = purchaseVerbs.first(in: text, range: window),
                announcementVerbs.first(in: text, range: cursor..<verb) == nil
            {
                return start..<cursor
            }
        }
        return nil
    }
}
