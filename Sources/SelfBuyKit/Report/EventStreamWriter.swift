/// Writes events as CSV, a JSON array or JSON lines to an ``ExportSink``, one ``EventView`` at a time: `list` and
/// `export` share it, so the same events come out the same way from both.
public final class EventStreamWriter {
    /// The machine-readable forms.
    public enum Format: String, Sendable, CaseIterable {
        case csv, json, jsonl
    }

    let format: Format
    let sink: ExportSink
    let excel: Bool
    private let csv: CSVWriter
    private var count = 0

    /// - Parameters:
    ///   - excel: for CSV only, a UTF-8 byte-order mark and CRLF line ends so that Excel reads Chinese text; JSON is
    ///     never given a byte-order mark (JSON parsers refuse it).
    public init(format: Format, sink: ExportSink, excel: Bool = false) {
        self.format = format
        self.sink = sink
        self.excel = excel && format == .csv
        csv = CSVWriter(lineEnding: self.excel ? "\r\n" : "\n")
    }

    /// The byte-order mark and header row (CSV) or the opening bracket (JSON).
    public func begin() throws {
        switch format {
        case .csv:
            if excel { try sink.write("\u{FEFF}") }
            try sink.write(csv.row(EventView.csvColumns))
        case .json: try sink.write("[")
        case .jsonl: break
        }
    }

    /// Whether the format shows every source of an event (JSON), or only the evidence and its source (CSV): the
    /// events can then be read with ``EventSelection/forEachRow(in:_:)``.
    public var needsEverySource: Bool { format != .csv }

    /// Writes each event the selection gives, reading only what the format shows.
    public func write(_ selection: EventSelection, from store: TimelineStore) throws {
        if needsEverySource {
            try selection.forEach(in: store) { try write($0) }
        } else {
            try selection.forEachRow(in: store) { try write($0) }
        }
    }

    public func write(_ event: EventView) throws {
        switch format {
        case .csv: try sink.append { bytes in csv.record(into: &bytes) { event.appendCSV(to: &$0) } }
        case .json: try sink.write((count == 0 ? "\n" : ",\n") + event.json().serialized())
        case .jsonl: try sink.write(event.json().serialized() + "\n")
        }
        count += 1
    }

    /// The closing bracket (JSON), then the output put in place.
    public func finish() throws {
        if format == .json { try sink.write(count == 0 ? "]\n" : "\n]\n") }
        try sink.finish()
    }
}
