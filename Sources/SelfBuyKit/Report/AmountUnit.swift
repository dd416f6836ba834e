import SelfBuyDetection

/// The unit amounts are shown in by tables: yuan (the default, grouped digits), 万 (10⁴) or 亿 (10⁸), as Chinese
/// financial writing states them (3,200万, 0.32亿). CSV and JSON always carry whole yuan.
public enum AmountUnit: String, Sendable, CaseIterable {
    case yuan, wan, yi

    /// A figure in this unit: `32,000,000`, `3,200万`, `0.32亿`; fractions kept to what the figure needs (at most four
    /// decimals, trailing zeros dropped).
    public func format(_ yuan: Int64) -> String {
        switch self {
        case .yuan: return AmountFormat.grouped(yuan)
        case .wan: return Self.scaled(yuan, by: 10_000) + "万"
        case .yi: return Self.scaled(yuan, by: 100_000_000) + "亿"
        }
    }

    /// Column headings' suffix: `CNY`, `万元`, `亿元`.
    public var heading: String {
        switch self {
        case .yuan: return "CNY"
        case .wan: return "万元"
        case .yi: return "亿元"
        }
    }

    /// An amount with its bound: `≤ 3,200万`, `1,000万–2,000万`, `unknown`.
    public func describe(yuan: Int64?, upper: Int64?, bound: AmountBound?) -> String {
        guard let yuan else { return "unknown" }
        let suffix = self == .yuan ? " CNY" : ""
        if let upper { return format(yuan) + "–" + format(upper) + suffix }
        return Self.symbol(bound) + format(yuan) + suffix
    }

    /// `≤ `, `≥ `, `≈ ` or nothing for an exact amount.
    static func symbol(_ bound: AmountBound?) -> String {
        switch bound {
        case .max: return "≤ "
        case .min: return "≥ "
        case .approx: return "≈ "
        default: return ""
        }
    }

    /// Integer division in decimal, so that no binary fraction shows (0.32, not 0.31999999); four decimals at most,
    /// rounded half up.
    static func scaled(_ value: Int64, by divisor: Int64) -> String {
        var whole = value.magnitude / UInt64(divisor)
        var fraction = (value.magnitude % UInt64(divisor) * 10_000 + UInt64(divisor) / 2) / UInt64(divisor)
        if fraction == 10_000 {
            whole += 1
            fraction = 0
        }
        var digits = String(fraction)
        digits = String(repeating: "0", count: 4 - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        let sign = value < 0 && (whole > 0 || !digits.isEmpty) ? "-" : ""
        return sign + AmountFormat.grouped(Int64(whole)) + (digits.isEmpty ? "" : "." + digits)
    }
}
