import GRDB
import SelfBuyDetection

/// The SELECTs that read events and their sources, in one place: every query of the timeline selects these columns
/// and adds its own filter and order, and the records below decode them.
enum EventSQL {
    /// The event columns ``TimelineEvent/init(row:)`` decodes, in its order.
    static let columns = """
        id, date, issuer, issuer_full, amount_yuan, amount_upper_yuan, amount_bound, currency, holding_period,
        fund_type, status, evidence, source_count, first_source_url, issuer_known
        """

    /// Events; a query appends its `WHERE` and `ORDER BY`.
    static let select = "SELECT \(columns) FROM events"

    /// Sources with the event they report; a query appends its filter and order. ``SourceRecord`` decodes it.
    static let selectSources = """
        SELECT s.event_id, d.url, d.title, d.published, d.fetched_at, d.content_hash, s.evidence,
               s.evidence_start, s.evidence_end, s.issuer_mention, s.spans
        FROM event_sources s JOIN documents d ON d.id = s.document_id
        """
}

extension TimelineEvent: FetchableRecord {
    /// Decodes a row of ``EventSQL/columns`` by position (name lookups cost a tenth of an export); sources are
    /// loaded apart.
    public init(row: Row) {
        self.init(
            id: row[0], date: row[1], issuer: row[2], issuerFull: row[3], amountYuan: row[4], amountUpperYuan: row[5],
            amountBound: (row[6] as String?).flatMap(AmountBound.init(rawValue:)), currency: row[7],
            holdingPeriod: row[8], fundType: FundType(rawValue: row[9]) ?? .unspecified,
            status: PledgeStatus(rawValue: row[10]) ?? .planned, evidence: row[11], sources: [], sourceCount: row[12],
            firstSourceURL: row[13], issuerKnown: row[14])
    }
}

/// A row of ``EventSQL/selectSources``: one source and the event it reports.
struct SourceRecord: FetchableRecord {
    var eventID: String
    var source: EventSource

    init(row: Row) {
        eventID = row["event_id"]
        source = EventSource(
            url: row["url"], title: row["title"], published: row["published"], fetchedAt: row["fetched_at"],
            contentHash: row["content_hash"], evidence: row["evidence"], evidenceStart: row["evidence_start"],
            evidenceEnd: row["evidence_end"], issuerMention: row["issuer_mention"],
            spans: TimelineStore.decodeSpans(row["spans"]))
    }
}
