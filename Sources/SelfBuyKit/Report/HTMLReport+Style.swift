extension HTMLReport {
    /// The report's style sheet: system CJK fonts (nothing downloaded), A4 print with one chart per page.
    static let styleSheet = """
        :root { color-scheme: light; }
        body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", \
        "Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif; color: #1a202c; margin: 24px auto; \
        max-width: 1100px; padding: 0 16px; line-height: 1.5; font-size: 14px; }
        h1 { font-size: 24px; margin-bottom: 4px; } h2 { font-size: 18px; margin-top: 32px; \
        border-bottom: 1px solid #cbd5e0; padding-bottom: 4px; }
        .period { color: #4a5568; margin-top: 0; }
        .figures { display: flex; flex-wrap: wrap; gap: 12px; margin: 16px 0; padding: 0; list-style: none; }
        .figures li { border: 1px solid #cbd5e0; border-radius: 6px; padding: 8px 12px; min-width: 120px; }
        .figures b { display: block; font-size: 18px; }
        .note { color: #4a5568; font-size: 12px; }
        table { border-collapse: collapse; width: 100%; margin: 8px 0; }
        th, td { border-bottom: 1px solid #e2e8f0; padding: 4px 6px; text-align: left; vertical-align: top; }
        th { background: #f7fafc; font-weight: 600; }
        .nowrap { white-space: nowrap; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        .chart { max-width: 100%; height: auto; font-size: 11px; }
        .chart .grid { stroke: #e2e8f0; } .chart .baseline { stroke: #4a5568; }
        .chart text { fill: #2d3748; } .chart .count { fill: #ffffff; font-weight: 600; }
        .chart .legend { font-size: 12px; } .chart .events { font-size: 10px; }
        details summary { cursor: pointer; color: #1f5fa8; }
        .evidence { margin: 4px 0; } .evidence-source { font-size: 12px; color: #4a5568; word-break: break-all; }
        mark { background: #fde68a; padding: 0 1px; }
        mark[data-field="amount"], mark[data-field="bound"] { background: #fbbf24; }
        .print-evidence { display: none; }
        a { color: #1f5fa8; }
        @page { size: A4; margin: 14mm; }
        @media print {
          body { margin: 0; max-width: none; font-size: 11px; }
          .chart-section { break-before: page; break-inside: avoid; }
          .chart-section:first-of-type { break-before: auto; }
          tr { break-inside: avoid; }
          details { display: none; }
          .print-evidence { display: block; }
          a { color: inherit; text-decoration: none; }
        }
        """
}
