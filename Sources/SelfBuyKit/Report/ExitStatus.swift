/// The process exit statuses selfbuy uses (BSD sysexits).
public enum ExitStatus {
    public static let usage: Int32 = 64
    public static let dataError: Int32 = 65
    /// An input file is missing or cannot be opened (EX_NOINPUT).
    public static let noInput: Int32 = 66
    public static let unavailable: Int32 = 69
    public static let software: Int32 = 70
    /// A system file selfbuy needs is missing (OpenCC's dictionaries).
    public static let osFile: Int32 = 72
    /// An output file cannot be created or replaced (EX_CANTCREAT).
    public static let cannotCreate: Int32 = 73
    public static let ioError: Int32 = 74
    /// Try again later: another daemon holds the timeline (EX_TEMPFAIL).
    public static let temporaryFailure: Int32 = 75
}
