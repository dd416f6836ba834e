import Foundation

/// A fund manager or asset-management arm that runs public funds.
public struct Issuer: Sendable, Hashable {
    /// Canonical short name (华泰证券资管).
    public var name: String
    /// Legal name (华泰证券（上海）资产管理有限公司).
    public var legalName: String
    public var aliases: [String]

    public init(name: String, legalName: String, aliases: [String] = []) {
        self.name = name
        self.legalName = legalName
        self.aliases = aliases
    }
}

/// A place in the text that names an issuer.
public struct IssuerMention: Sendable, Hashable {
    public var issuer: Issuer
    public var start: Int
    public var end: Int
    /// Matched by the brand alone (南方 for 南方基金), which names the company only in some positions (a list of
    /// companies, before 旗下) and otherwise starts a fund's name (南方中证A500ETF).
    public var byBrand: Bool = false
}

/// The directory of issuers selfbuy recognises, matched longest-first so that look-alikes stay apart: 华泰证券资管 is
/// not 华泰资管, and 华泰柏瑞基金 is neither.
///
/// The bundled `issuers.tsv` lists China's public fund managers and the brokers' and insurers' asset-management arms
/// that run public funds; users extend it with files of the same form (canonical name, legal name, aliases, tab
/// separated, `#` comments).
public struct IssuerDirectory: Sendable {
    public private(set) var issuers: [Issuer] = []
    /// Alias scalars grouped by first scalar, longest first, with the issuer's position and whether it is a brand.
    private var index: [Unicode.Scalar: [(Scalars, Int, Bool)]] = [:]
    /// The same groups, reached from a first scalar of the Basic Multilingual Plane by array index (`slot` + 1, 0 for
    /// none) instead of hashing: the brands' first scalars (华, 南, 中…) are among the commonest of Chinese text.
    private var slots = Slots()
    /// Brands (a 基金 name without 基金) and the issuer each names; one claimed by two issuers names neither.
    private var brandOwners: [String: Int] = [:]
    /// The scalars that start an alias: most scalars of a text are rejected by a bit test instead of a dictionary
    /// lookup.
    private var firstBits = ScalarBits()

    /// The directory compiled into the binary (``bundledTSV``): it cannot go missing at run time.
    public static let bundled: IssuerDirectory = {
        do {
            return try IssuerDirectory(tsv: bundledTSV)
        } catch {
            preconditionFailure("the compiled-in issuer directory is malformed: \(error)")
        }
    }()

    public init() {}

    /// Reads a directory file.
    ///
    /// - Throws: ``IssuerDirectoryError`` naming the first malformed line.
    public init(tsv: String) throws {
        for (number, line) in tsv.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = Self.trimmed(line)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(Self.trimmed)
            guard fields.count >= 2, !fields[0].isEmpty, !fields[1].isEmpty else {
                throw IssuerDirectoryError.malformedLine(number + 1)
            }
            let aliases = fields.count > 2 ? fields[2].split(separator: ",").map(Self.trimmed) : []
            add(Issuer(name: fields[0], legalName: fields[1], aliases: aliases.filter { !$0.isEmpty }))
        }
    }

    /// The text without the spaces and tabs at either end (what `trimmingCharacters(in: .whitespaces)` removes: tab
    /// and the space separators), without going through Foundation's bridging for each field.
    static func trimmed<Text: StringProtocol>(_ text: Text) -> String {
        func isBlank(_ scalar: Unicode.Scalar) -> Bool {
            scalar == "\t" || scalar.properties.generalCategory == .spaceSeparator
        }
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isBlank($0) }),
            let last = scalars.lastIndex(where: { !isBlank($0) })
        else { return "" }
        var kept = String.UnicodeScalarView()
        kept.append(contentsOf: scalars[first...last])
        return String(kept)
    }

    /// Adds an issuer; one with the same canonical name replaces the earlier entry's aliases.
    public mutating func add(_ issuer: Issuer) {
        let position: Int
        if let existing = issuers.firstIndex(where: { $0.name == issuer.name }) {
            issuers[existing] = issuer
            position = existing
        } else {
            issuers.append(issuer)
            position = issuers.count - 1
        }
        let variants = Self.variants(of: issuer)
        for alias in variants { insert(alias.scalars, position: position, brand: false) }
        if let brand = Self.brand(of: issuer), !variants.contains(brand) {
            if let owner = brandOwners[brand], owner != position {
                remove(brand.scalars)
            } else if brandOwners[brand] == nil {
                brandOwners[brand] = position
                insert(brand.scalars, position: position, brand: true)
            }
        }
    }

    private mutating func insert(_ scalars: Scalars, position: Int, brand: Bool) {
        guard let first = scalars.first else { return }
        if brand, index[first]?.contains(where: { $0.0 == scalars && !$0.2 }) == true { return }
        firstBits.insert(first)
        var list = index[first, default: []].filter { $0.0 != scalars }
        // Longest first, and after the aliases of the same length already there (the list is kept sorted): a binary
        // search instead of sorting the list again for each of the bundled directory's thousand spellings.
        var low = 0
        var high = list.count
        while low < high {
            let middle = (low + high) / 2
            if list[middle].0.count >= scalars.count { low = middle + 1 } else { high = middle }
        }
        list.insert((scalars, position, brand), at: low)
        index[first] = list
        slots.set(list, for: first)
    }

    private mutating func remove(_ scalars: Scalars) {
        guard let first = scalars.first else { return }
        index[first]?.removeAll { $0.0 == scalars && $0.2 }
        slots.set(index[first] ?? [], for: first)
    }

    /// The brand of a fund manager: its short name without 基金 (南方基金 → 南方), at least two characters.
    static func brand(of issuer: Issuer) -> String? {
        guard issuer.name.hasSuffix("基金") else { return nil }
        let brand = String(issuer.name.dropLast(2))
        return brand.count >= 2 ? brand : nil
    }

    /// Merges another directory into this one (a user's file over the bundled one).
    public mutating func merge(_ other: IssuerDirectory) {
        for issuer in other.issuers { add(issuer) }
    }

    public func issuer(named name: String) -> Issuer? { issuers.first { $0.name == name } }

    /// Every spelling that names the issuer: canonical and legal names, aliases, the legal name with ASCII brackets
    /// and with 有限公司 shortened to 公司.
    static func variants(of issuer: Issuer) -> Set<String> {
        var names: Set<String> = [issuer.name, issuer.legalName]
        names.formUnion(issuer.aliases)
        for name in [issuer.legalName] + issuer.aliases {
            var ascii = String.UnicodeScalarView()
            ascii.append(contentsOf: name.unicodeScalars.map { $0 == "（" ? "(" : $0 == "）" ? ")" : $0 })
            names.insert(String(ascii))
            for suffix in ["股份有限公司", "有限责任公司", "有限公司"] where name.hasSuffix(suffix) {
                names.insert(String(name.dropLast(suffix.count)) + "公司")
            }
        }
        return names.filter { $0.count >= 2 }
    }

    /// Issuer names in `range`, longest match first, never overlapping.
    public func mentions(in text: Scalars, range: Range<Int>) -> [IssuerMention] {
        var result: [IssuerMention] = []
        var cursor = range.lowerBound
        while cursor < range.upperBound {
            if !firstBits.contains(text[cursor]) {
                cursor += 1
                continue
            }
            if let candidates = slots.candidates(text[cursor])
                ?? (text[cursor].value > 0xFFFF ? index[text[cursor]] : nil),
                let (alias, position, brand) = candidates.first(where: {
                    cursor + $0.0.count <= range.upperBound && text.hasPrefix($0.0, at: cursor)
                })
            {
                result.append(
                    IssuerMention(
                        issuer: issuers[position], start: cursor, end: cursor + alias.count, byBrand: brand))
                cursor += alias.count
            } else {
                cursor += 1
            }
        }
        return result
    }
}

/// An issuer directory's alias groups indexed by the value of their first scalar (Basic Multilingual Plane only).
private struct Slots: Sendable {
    var groups: [[(Scalars, Int, Bool)]] = []
    /// For each scalar up to U+FFFF: its group's position plus one, 0 when no alias starts with it.
    var positions: [UInt16] = []

    @inline(__always)
    func candidates(_ scalar: Unicode.Scalar) -> [(Scalars, Int, Bool)]? {
        let value = Int(scalar.value)
        guard value < positions.count else { return nil }
        let position = Int(positions[value])
        return position == 0 ? nil : groups[position - 1]
    }

    /// Keeps the group of `first` equal to the directory's (scalars beyond U+FFFF are looked up in the directory).
    mutating func set(_ group: [(Scalars, Int, Bool)], for first: Unicode.Scalar) {
        let value = Int(first.value)
        guard value <= 0xFFFF else { return }
        if positions.isEmpty { positions = [UInt16](repeating: 0, count: 0x10000) }
        let position = Int(positions[value])
        if position == 0 {
            groups.append(group)
            positions[value] = UInt16(groups.count)
        } else {
            groups[position - 1] = group
        }
    }
}

public enum IssuerDirectoryError: Error, Equatable, CustomStringConvertible {
    case malformedLine(Int)

    public var description: String {
        switch self {
        case .malformedLine(let line):
            return "line \(line): expected canonical name, legal name and aliases, tab separated"
        }
    }
}
