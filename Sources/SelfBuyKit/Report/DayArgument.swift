/// Validation of the dates and months users type.
public enum DayArgument {
    /// `YYYY-MM-DD` naming a real day.
    public static func isValid(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return false }
        return CivilTime(year: year, month: month, day: day).isValid
    }

    /// `YYYY-MM`.
    public static func isValidMonth(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, let year = Int(parts[0]),
            let month = Int(parts[1])
        else { return false }
        return (1900...2200).contains(year) && (1...12).contains(month)
    }
}
