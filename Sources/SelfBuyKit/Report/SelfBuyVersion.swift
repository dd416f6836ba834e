/// The version selfbuy reports in `--version` and its User-Agent.
public enum SelfBuyVersion {
    public static let current = "0.1.0"
}
