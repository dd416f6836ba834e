import Foundation
import SelfBuyDetection

/// A filter option that cannot be read; the message is one line naming the option and the value.
public struct SelectionError: Error, Equatable, CustomStringConvertible {
    public var description: String
}

extension EventSelection {
    /// Reads the filter options as typed: `--month YYYY-MM`, `--from`/`--to` as a day or a month, comma-separated
    /// `--fund-type`, `--status` and `--bound` values, `--min-amount` in yuan or with 万/亿 (`5000万`, `1亿`, `1.5亿`).
    ///
    /// - Throws: ``SelectionError`` naming the option at fault.
    public init(
        month: String? = nil, from: String? = nil, to: String? = nil, issuer: String? = nil,
        fundType: String? = nil, status: String? = nil, bound: String? = nil, minAmount: String? = nil,
        directory: IssuerDirectory = .bundled
    ) throws {
        self.init()
        if let month {
            guard DayArgument.isValidMonth(month) else {
                throw SelectionError(description: "--month must be YYYY-MM, got \(month)")
            }
            if from != nil || to != nil { throw SelectionError(description: "--month goes without --from and --to") }
            self.month = month
        }
        self.from = try from.map { try Self.day($0, option: "--from", last: false) }
        self.to = try to.map { try Self.day($0, option: "--to", last: true) }
        if let from, let to, let first = self.from, let last = self.to, first > last {
            throw SelectionError(description: "--from \(from) is after --to \(to)")
        }
        if let issuer {
            let trimmed = issuer.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { throw SelectionError(description: "--issuer must not be empty") }
            self.issuer = IssuerQuery(trimmed, directory: directory)
        }
        fundTypes = try Self.values(fundType, option: "--fund-type") { FundType(rawValue: $0) }
        statuses = try Self.values(status, option: "--status") { PledgeStatus(rawValue: $0) }
        bounds = try Self.values(bound, option: "--bound") { word in
            switch word {
            case "at_least", "at-least": return .min
            case "at_most", "at-most": return .max
            default: return AmountBound(rawValue: word)
            }
        }
        if let minAmount {
            guard let yuan = Self.yuan(minAmount) else {
                throw SelectionError(
                    description: "--min-amount must be a number of yuan, or of 万 or 亿 (5000万, 1.5亿), got \(minAmount)")
            }
            minimumYuan = yuan
        }
    }

    /// A day as given, or a month's first (`last` false) or last day.
    static func day(_ text: String, option: String, last: Bool) throws -> String {
        if DayArgument.isValid(text) { return text }
        // Any day of a month sorts at or before `-31`: a string bound is enough for the index.
        if DayArgument.isValidMonth(text) { return text + (last ? "-31" : "-01") }
        throw SelectionError(description: "\(option) must be YYYY-MM-DD or YYYY-MM, got \(text)")
    }

    static func values<Value: Hashable & RawRepresentable & CaseIterable>(
        _ text: String?, option: String, parse: (String) -> Value?
    ) throws -> Set<Value> where Value.RawValue == String {
        guard let text else { return [] }
        var result: Set<Value> = []
        for word in text.split(separator: ",", omittingEmptySubsequences: false) {
            let trimmed = word.trimmingCharacters(in: .whitespaces).lowercased()
            guard let value = parse(trimmed) else {
                let accepted = Value.allCases.map(\.rawValue).joined(separator: ", ")
                throw SelectionError(description: "\(option) must be one or more of \(accepted), got \(text)")
            }
            result.insert(value)
        }
        return result
    }

    /// `20000000`, `2,000万`, `5000万`, `1.5亿` as whole yuan; nil for anything else (a sign, an exponent, an amount
    /// past Int64).
    static func yuan(_ text: String) -> Int64? {
        var number = text.replacingOccurrences(of: ",", with: "").trimmingCharacters(in: .whitespaces)
        if number.hasSuffix("元") { number.removeLast() }
        var scale: Int64 = 1
        if number.hasSuffix("万") {
            scale = 10_000
            number.removeLast()
        } else if number.hasSuffix("亿") {
            scale = 100_000_000
            number.removeLast()
        }
        let parts = number.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) })
        else { return nil }
        guard parts[0].count <= 18, let whole = Int64(parts[0]) else { return nil }
        var (total, overflow) = whole.multipliedReportingOverflow(by: scale)
        guard !overflow else { return nil }
        if parts.count == 2 {
            guard !parts[1].isEmpty, parts[1].count <= 8 else { return nil }
            var fraction = Int64(parts[1]) ?? 0
            var denominator: Int64 = 1
            for _ in parts[1] { denominator *= 10 }
            // Only a fraction that lands on whole yuan is an amount (1.5亿 yes, 1.5 yuan no).
            fraction *= scale
            guard fraction % denominator == 0 else { return nil }
            (total, overflow) = total.addingReportingOverflow(fraction / denominator)
            guard !overflow else { return nil }
        }
        return total
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
