#!/usr/bin/env python3
"""Writes the markup-stage fixtures (Tests/SelfBuyKitTests/Fixtures/markup). Texts are written for selfbuy."""
import os

OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "SelfBuyKitTests", "Fixtures", "markup")
os.makedirs(OUT, exist_ok=True)


def write(name, data):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))


PLEDGE = "将于近期陆续运用不超过3200万元自有资金投资公司旗下权益类公募基金，持有期不少于1年。"
RARE = "基金经理王喆、张堃、朱镕、李玥"

rss = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>基金频道</title><link>https://news.example.cn/fund/</link>
<item><title>华泰证券资管：拟自购不超过3200万元</title><link>/fund/2025/0826/a1.html</link>
<guid isPermaLink="false">a1</guid><pubDate>Tue, 26 Aug 2025 10:30:00 CST</pubDate>
<description>短摘要</description>
<content:encoded><![CDATA[<p>8月25日，华泰证券资管公告，""" + PLEDGE + """</p><script>track()</script><style>p{}</style><p>第二段&amp;结尾</p>]]></content:encoded></item>
<item><title>AT&T 与 &nbsp;基金 &mdash; 测试</title><link>https://news.example.cn/fund/a2.html</link>
<pubDate>2025年8月26日</pubDate><description>&lt;p&gt;第一段&lt;/p&gt;&lt;p&gt;第二段 &amp;amp; 完&lt;/p&gt;</description></item>
<item><title>无日期条目</title><link>https://news.example.cn/fund/a3.html</link><pubDate>昨天下午</pubDate>
<dc:creator>记者</dc:creator><description>纯文本内容</description></item>
<item><title>带时区</title><link>https://news.example.cn/fund/a4.html</link><pubDate>Sun, 31 Aug 2025 20:00:00 CST</pubDate><description>x</description></item>
<item><title>GMT</title><link>https://news.example.cn/fund/a5.html</link><pubDate>Mon, 01 Sep 2025 02:00:00 GMT</pubDate><description>y</description></item>
</channel></rss>
"""
write("rss2.xml", rss)

atom = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>公募观察</title><link href="https://atom.example.cn/"/>
<id>urn:x</id><updated>2025-08-26T12:00:00+08:00</updated>
<entry><title type="html">万家基金 &lt;em&gt;自购&lt;/em&gt;</title><link rel="alternate" href="https://atom.example.cn/p/1"/>
<id>urn:1</id><published>2025-04-09T09:00:00+08:00</published><updated>2025-04-10T09:00:00+08:00</updated>
<content type="html">&lt;p&gt;万家基金公告，公司拟于近日运用固有资金不低于2000万元投资旗下权益类基金。&lt;/p&gt;</content></entry>
<entry><title>只有更新时间</title><link href="/p/2"/><id>urn:2</id><updated>2025-04-11T01:00:00Z</updated>
<summary>摘要文本</summary></entry>
<entry><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">XHTML <b>标题</b></div></title>
<link rel="alternate" href="https://atom.example.cn/p/3"/><id>urn:3</id><published>2025-04-12T08:00:00.123+08:00</published>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>段落一</p><p>段落二</p></div></content></entry>
</feed>
"""
write("atom.xml", atom)

rdf = """<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://rdf.example.cn/"><title>RDF 频道</title><link>https://rdf.example.cn/</link></channel>
<item rdf:about="https://rdf.example.cn/n/1"><title>长城基金拟自购6000万元</title><link>https://rdf.example.cn/n/1</link>
<dc:date>2025-01-20T15:00:00+08:00</dc:date><description>长城基金拟以固有资金6000万元申购旗下指数基金。</description></item>
<item rdf:about="https://rdf.example.cn/n/2"><title>第二条</title><link>https://rdf.example.cn/n/2</link><dc:date>2025-01-21</dc:date>
<description>内容</description></item>
</rdf:RDF>
"""
write("rdf.xml", rdf)

# A page declaring gb2312 whose text uses GBK-only characters before the content.
page = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>公告</title></head>
<body><div class="nav">首页 | 公告</div><div class="content"><h1>关于运用固有资金投资旗下基金的公告</h1>
<p>""" + RARE + """。</p><p>本公司""" + PLEDGE + """</p></div></body></html>"""
write("gb2312-declared-gbk-chars.html", page.encode("gbk"))

write("utf8-no-label.html", "<html><head><title>无标签</title></head><body><p>" + RARE + "，" + PLEDGE + "</p></body></html>")

bom_xml = """<?xml version="1.0" encoding="gbk"?>
<rss version="2.0"><channel><title>BOM</title><item><title>BOM 优先：""" + RARE + """</title><link>https://bom.example.cn/1</link>
<description>UTF-8 正文</description></item></channel></rss>"""
write("bom-utf8-declared-gbk.xml", b"\xef\xbb\xbf" + bom_xml.encode("utf-8"))

gbk_xml = """<?xml version="1.0" encoding="GBK"?>
<rss version="2.0"><channel><title>GBK 声明</title><item><title>""" + RARE + """</title><link>https://gbk.example.cn/1</link>
<pubDate>2025-08-25 20:15:00</pubDate><description>""" + PLEDGE + """</description></item></channel></rss>"""
write("gbk-declared.xml", gbk_xml.encode("gbk"))

gb2312_xml = gbk_xml.replace('encoding="GBK"', 'encoding="gb2312"')
write("gb2312-declared-gbk-chars.xml", gb2312_xml.encode("gbk"))

header_only = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>只有响应头</title><item><title>华泰证券资管</title><link>https://h.example.cn/1</link>
<description>""" + PLEDGE + """</description></item></channel></rss>"""
write("gbk-header-only.xml", header_only.encode("gbk"))

write("gbk-header-only.html", ("<html><body><ul><li><a href='/1'>华泰证券资管自购公告</a></li></ul><p>" + RARE + "</p></body></html>").encode("gbk"))

big5 = "<html><head><meta charset=\"big5\"><title>臺灣基金公告</title></head><body><p>本公司將運用自有資金投資旗下基金，持有期間不少於一年。</p></body></html>"
write("big5.html", big5.encode("big5"))

# GB18030 feed of 30 items; item 7 carries one invalid byte pair.
items = []
for n in range(1, 31):
    items.append(("<item><title>条目%d 镕</title><link>https://g.example.cn/%d</link><description>正文%dMARK</description></item>" % (n, n, n)).encode("gb18030"))
items[6] = items[6].replace(b"MARK", b"\xa1\xff")
items = [i.replace(b"MARK", b"") for i in items]
bad = b'<?xml version="1.0" encoding="gb18030"?>\n<rss version="2.0"><channel><title>GB18030</title>' + b"".join(items) + b"</channel></rss>"
write("gb18030-one-bad-pair.xml", bad)

# RSS truncated at 70 %.
full = '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>截断</title>' + "".join(
    "<item><title>第%d条</title><link>https://t.example.cn/%d</link><description>%s</description></item>" % (n, n, "内容" * 20)
    for n in range(1, 11)) + "</channel></rss>"
raw = full.encode("utf-8")
write("truncated.xml", raw[: int(len(raw) * 0.7)])

# A broken item in the middle: an unclosed tag; the items before and after must survive.
broken = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>坏条目</title>
<item><title>前一条</title><link>https://b.example.cn/1</link><description>甲</description></item>
<item><title>坏的<b>条目</title><link>https://b.example.cn/2</link><description>乙 < 丙</description></item>
<item><title>后一条</title><link>https://b.example.cn/3</link><description>丁</description></item>
</channel></rss>"""
write("broken-middle.xml", broken)

write("xxe.xml", """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>XXE</title><item><title>&xxe;</title><description>&xxe;</description></item></channel></rss>""")

laughs = ['<?xml version="1.0"?>', "<!DOCTYPE lolz [", '<!ENTITY lol "lol">']
prev = "lol"
for i in range(1, 10):
    laughs.append('<!ENTITY lol%d "%s">' % (i, ("&%s;" % prev) * 10))
    prev = "lol%d" % i
laughs.append("]>")
laughs.append("<rss><channel><item><title>&lol9;</title></item></channel></rss>")
write("billion-laughs.xml", "\n".join(laughs))

script = "<script>" + "var x = 1;\n" * 150 + "</script>"
meta_late = "<html><head>" + script + '<meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>晚到的声明</title></head><body><p>' + RARE + "</p></body></html>"
write("meta-after-script.html", meta_late.encode("gbk"))

write("meta-description-charset.html", '<html><head><meta name="description" content="charset=gbk"><title>描述里的字样</title></head><body><p>' + RARE + "</p></body></html>")

list_page = """<html><head><base href="https://www.example.gov.cn/zwgk/list/index.html"><title>公告列表</title></head><body>
<ul class="notice-list">
<li><a href="./202508/t20250826_123.html">关于运用固有资金投资旗下基金的公告</a><span class="date">2025-08-26</span></li>
<li><a href="../../c100028/xxx.shtml">另一条</a><span class="date">2025-08-20</span></li>
</ul></body></html>"""
write("list-relative-links.html", list_page)

article = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>华泰证券资管自购_基金频道_新闻网</title>
<meta name="PubDate" content="2025-08-26 11:05:40"></head><body>
<div id="header"><a href="/">首页</a> <a href="/fund">基金</a> <span>2026年11月26日 星期四</span></div>
<div class="nav-bar"><ul><li><a href="/a">导航一</a></li><li><a href="/b">导航二</a></li></ul></div>
<div class="main"><h1>华泰证券资管拟运用不超过3200万元自有资金自购</h1><div class="info">来源：证券时报 2025-08-26</div>
<div class="article"><p>8月25日，华泰证券（上海）资产管理有限公司（简称“华泰证券资管”）公告，""" + PLEDGE + """</p>
<p>华泰证券资管表示，此举是基于对中国资本市场长期健康稳定发展的信心。</p></div></div>
<div class="footer">版权所有 © 新闻网 联系我们 关于我们 网站地图</div><script>var a="脚本不应出现";</script></body></html>"""
write("article.html", article)

epoch = """<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>巨潮</title>
<item><title>毫秒时间</title><link>https://c.example.cn/1</link><announcementTime>1756137600000</announcementTime><description>z</description></item>
</channel></rss>"""
write("epoch-ms.xml", epoch)
print("fixtures written to", os.path.normpath(OUT))
