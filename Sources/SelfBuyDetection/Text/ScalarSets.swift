/// The small punctuation and word-end sets the rules test scalars against, compiled once.
enum ScalarSets {
    static let clausePunctuation = ScalarSet("，,。；;：:")
    static let companyWordEnds = ScalarSet("金管司券产人")
    static let dateScalars = ScalarSet("年月日十")
    static let monthSeparators = ScalarSet("月-/.")
    static let nounEnds = ScalarSet("金管券产子分母限任本该我总司家资")
    static let periodStops = ScalarSet("，。；,;：:（(")
    static let yearSeparators = ScalarSet("年-/.")
}
