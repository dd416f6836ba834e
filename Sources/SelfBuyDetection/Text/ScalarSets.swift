/// The small punctuation and word-end sets the rules test scalars against, compiled once.
enum ScalarSets {
    static let companyWordEnds = ScalarBits("金管司券产人")
    static let dateScalars = ScalarBits("年月日十")
    static let monthSeparators = ScalarBits("月-/.")
    static let nounEnds = ScalarBits("金管券产子分母限任本该我总司家资")
    static let periodStops = ScalarBits("，。；,;：:（(")
    static let yearSeparators = ScalarBits("年-/.")
}
