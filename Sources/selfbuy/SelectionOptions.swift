import ArgumentParser
import SelfBuyKit

/// The filters `list`, `summary`, `export` and `report` share (``EventSelection``).
struct SelectionOptions: ParsableArguments {
    @Option(help: "Only this month, YYYY-MM (China time).")
    var month: String?

    @Option(help: "First day (YYYY-MM-DD) or month (YYYY-MM).")
    var from: String?

    @Option(help: "Last day (YYYY-MM-DD) or month (YYYY-MM).")
    var to: String?

    @Option(help: "An issuer: canonical, legal or short name, alias, or part of one (华泰资管 finds 华泰证券资管).")
    var issuer: String?

    @Option(help: "Fund types, comma-separated: equity, mixed, index, etf, bond, money, fof, unspecified.")
    var fundType: String?

    @Option(help: "planned or completed (comma-separated for both).")
    var status: String?

    @Option(help: "Amount bounds, comma-separated: exact, min (at_least), max (at_most), approx.")
    var bound: String?

    @Option(help: "Only amounts of at least this much: yuan, or with 万 or 亿 (5000万, 1.5亿).")
    var minAmount: String?

    func validate() throws {
        _ = try selection()
    }

    /// - Throws: `ValidationError` (exit 64) naming the option at fault.
    func selection() throws -> EventSelection {
        do {
            return try EventSelection(
                month: month, from: from, to: to, issuer: issuer, fundType: fundType, status: status, bound: bound,
                minAmount: minAmount)
        } catch let error as SelectionError {
            throw ValidationError(error.description)
        }
    }
}
