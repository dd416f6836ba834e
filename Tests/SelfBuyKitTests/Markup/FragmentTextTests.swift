import Testing

@testable import SelfBuyKit

@Suite("HTML fragments of feed items")
struct FragmentTextTests {
    @Test(
        "fragments render as browsers show them",
        arguments: [
            ("<p>第一段</p><p>第二段</p>", "第一段\n第二段"),
            ("甲<br/>乙<BR>丙", "甲\n乙\n丙"),
            ("正文<!-- 注释 <p>不显示</p> -->继续", "正文继续"),
            ("前<script>if (a < b) { x = '</p>'; }</script>后", "前后"),
            ("<style>p{color:red}</style><p>样式之后</p>", "样式之后"),
            ("A &amp; B &lt;tag&gt; &quot;q&quot; &#20013;&#x6587; &nbsp;x", "A & B <tag> \"q\" 中文 x"),
            ("未知实体 &foo; 和裸 & 号", "未知实体 &foo; 和裸 & 号"),
            ("乙 < 丙，3<5", "乙 < 丙，3<5"),
            ("<a href=\"/x?a=1&b=2\" title=\"a > b\">链接</a>文字", "链接文字"),
            ("自购\n  计划", "自购计划"),
            ("Hello\n  world", "Hello world"),
            ("<table><tr><td>甲</td><td>乙</td></tr></table>", "甲 乙"),
            ("<p>未闭合<b>粗体", "未闭合粗体"),
            ("<div", "<div"),
        ])
    func renders(html: String, expected: String) {
        #expect(FragmentText.render(html) == expected)
    }
}
