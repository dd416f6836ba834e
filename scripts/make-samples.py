#!/usr/bin/env python3
"""Writes feeds/samples/: the bundled offline sources the README quick start polls.

Texts are written for selfbuy in the style of real sources (a news site's RSS fund channel, a second site's Atom feed,
and a fund company's GBK announcement list with detail pages). Figures follow public announcements of 2025."""
import os

OUT = os.path.join(os.path.dirname(__file__), "..", "feeds", "samples")
os.makedirs(os.path.join(OUT, "htzg"), exist_ok=True)


def write(path, data, encoding="utf-8"):
    with open(os.path.join(OUT, path), "wb") as f:
        f.write(data.encode(encoding))


def cdata(html):
    return "<![CDATA[" + html + "]]>"


news_items = [
    ("华泰证券资管拟运用不超过3200万元自有资金投资旗下权益类公募基金", "https://news.example.cn/fund/2025/0826/c1.html",
     "Tue, 26 Aug 2025 08:15:00 CST",
     "<p>8月25日，华泰证券（上海）资产管理有限公司（简称“华泰证券资管”）公告，将于近期陆续运用不超过3200万元自有资金投资公司旗下权益类公募基金，持有期不少于1年。</p>"
     "<p>8月已有包括南方基金、工银瑞信基金、泰康基金等在内的多家公募启动了自购计划。</p>"
     "<p>华泰证券资管表示，此举是基于对中国资本市场长期健康稳定发展，以及公司主动投资管理能力的信心。</p>"
     "<p>华泰证券资管是华泰证券旗下的资管子公司，2016年获得公募牌照，截至2024年末，公募基金管理规模为1386.69亿元。</p>"),
    ("万家基金：拟运用固有资金不低于2000万元自购", "https://news.example.cn/fund/2025/0409/c2.html",
     "Wed, 09 Apr 2025 19:40:00 +0800",
     "<p>万家基金公告，公司拟于近日运用固有资金不低于2000万元投资旗下权益类基金，并持有不少于1年。</p>"),
    ("两家公募同日宣布自购", "https://news.example.cn/fund/2025/0408/c3.html", "2025-04-08 21:05:00",
     "<p>海富通基金、浦银安盛基金分别公告，拟运用固有资金不低于1000万元、2000万元投资旗下权益类基金，持有期均不少于1年。</p>"),
    ("8月以来公募自购热度不减", "https://news.example.cn/fund/2025/0828/c4.html", "Thu, 28 Aug 2025 10:00:00 CST",
     "<p>今年以来，基金公司自购金额合计超过30亿元，其中股票型基金占比超过五成。</p><p>业内人士认为，自购传递了长期信心。</p>"),
    ("嘉实基金完成自购旗下A500ETF", "https://news.example.cn/fund/2025/0915/c5.html", "Mon, 15 Sep 2025 09:30:00 CST",
     "<p>嘉实基金已于9月12日运用固有资金5000万元申购旗下嘉实中证A500ETF，持有期不少于1年。</p>"),
    ("某公募赎回货币基金", "https://news.example.cn/fund/2025/0702/c6.html", "Wed, 02 Jul 2025 16:00:00 CST",
     "<p>公司于7月1日赎回以固有资金申购的旗下货币市场基金，金额合计2亿元。</p>"),
]
items = "".join(
    "<item><title>%s</title><link>%s</link><guid>%s</guid><pubDate>%s</pubDate><description>%s</description></item>\n"
    % (t, l, l, d, cdata(b)) for t, l, d, b in news_items)
write("news-fund-channel.xml", """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>证券新闻网 基金频道</title><link>https://news.example.cn/fund/</link>
<description>基金新闻</description>
""" + items + "</channel></rss>\n")

atom_entries = [
    ("华泰证券资管出手自购", "https://observer.example.com/p/20250826-01", "2025-08-26T12:30:00+08:00",
     "华泰证券资管8月25日晚间发布公告称，将于近期陆续运用不超过3200万元自有资金投资公司旗下权益类公募基金，持有期不少于1年。"),
    ("永赢基金：不低于3000万元固有资金投资旗下权益类基金", "https://observer.example.com/p/20250409-02",
     "2025-04-09T20:10:00+08:00",
     "永赢基金4月9日公告，公司拟于近期运用固有资金不低于3000万元投资旗下权益类基金，持有期不少于1年。"),
    ("市场观察：A股震荡", "https://observer.example.com/p/20250910-03", "2025-09-10T18:00:00+08:00",
     "本周A股市场震荡，股票型ETF净流入超过300亿元。"),
]
entries = "".join(
    '<entry><title>%s</title><link rel="alternate" href="%s"/><id>%s</id><published>%s</published><updated>%s</updated>'
    '<content type="html">&lt;p&gt;%s&lt;/p&gt;</content></entry>\n' % (t, l, l, d, d, b) for t, l, d, b in atom_entries)
write("observer-atom.xml", """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>公募观察</title><link href="https://observer.example.com/"/>
<id>https://observer.example.com/</id><updated>2025-09-10T18:00:00+08:00</updated>
""" + entries + "</feed>\n")

# A fund company's announcement list, GBK-encoded, declaring gb2312 (as many such sites do).
notices = [
    ("./2025/0825/notice_3021.html", "关于运用自有资金投资旗下权益类公募基金的公告", "2025-08-25",
     "基于对中国资本市场长期健康稳定发展的信心，本公司将于近期陆续运用不超过3200万元自有资金投资本公司旗下权益类公募基金，持有期不少于1年。",
     "2025年8月25日"),
    ("./2025/0710/notice_2877.html", "关于旗下基金经理变更的公告", "2025-07-10",
     "因工作安排，朱镕先生不再担任本公司旗下某混合型基金的基金经理。", "2025年7月10日"),
    ("./2025/0408/notice_2603.html", "关于运用自有资金投资旗下债券型基金的公告", "2025-04-08",
     "本公司拟运用自有资金2000万元投资本公司旗下债券型公募基金，持有期不少于6个月。", "2025年4月8日"),
]
lis = "".join('<li><a href="%s" title="%s">%s</a><span class="date">%s</span></li>\n' % (h, t, t, d) for h, t, d, _, _ in notices)
write("htzg/index.html", """<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>信息披露_公司公告_华泰证券（上海）资产管理有限公司</title></head><body>
<div class="top-nav"><a href="/">首页</a> <a href="/funds">基金产品</a> <a href="/notice">信息披露</a></div>
<div class="main"><h2>公司公告</h2><ul class="notice-list">
""" + lis + """</ul></div><div class="footer">版权所有 华泰证券（上海）资产管理有限公司</div></body></html>
""", "gbk")
for href, title, date, body, signed in notices:
    path = os.path.join("htzg", href[2:])
    os.makedirs(os.path.join(OUT, os.path.dirname(path)), exist_ok=True)
    write(path, """<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>%s</title></head>
<body><div class="top-nav"><a href="/">首页</a> <a href="/notice">信息披露</a></div>
<div class="article"><h1>华泰证券（上海）资产管理有限公司%s</h1><div class="info">发布时间：%s 17:30:00</div>
<div class="content"><p>%s</p><p>特此公告。</p><p>华泰证券（上海）资产管理有限公司</p><p>%s</p></div></div>
<div class="footer">版权所有 联系我们</div></body></html>
""" % (title, title, date, body, signed), "gbk")

write("samples.toml", """# Bundled offline sources for the quick start: `selfbuy poll --feeds feeds/samples`.
# file:// URLs resolve against this folder. The pages are written in the style of the real sources in ../.

[[feed]]
id = "sample-news-rss"
name = "证券新闻网 基金频道 (RSS 2.0 sample)"
url = "file://news-fund-channel.xml"
kind = "rss"
interval = "30m"

[[feed]]
id = "sample-observer-atom"
name = "公募观察 (Atom sample)"
url = "file://observer-atom.xml"
kind = "atom"
interval = "1h"

[[feed]]
id = "sample-htzg-notices"
name = "华泰证券资管 公司公告 (GBK HTML list sample)"
url = "file://htzg/index.html"
kind = "html"
interval = "1h"
match = "自有资金|固有资金|自购"

[feed.html]
item = "//ul[@class='notice-list']/li"
title = ".//a/@title"
link = ".//a/@href"
date = ".//span[@class='date']"
follow = true
content = "//div[@class='content']"
""")
print("samples written to", os.path.normpath(OUT))
