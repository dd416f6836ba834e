#!/usr/bin/env python3
"""Writes the PDF fixtures (Tests/SelfBuyKitTests/Fixtures/pdf) and the PDF fuzz seeds (Fuzz/corpus/pdf).

Needs fpdf2 (`pip install fpdf2`) and a Debian CJK font (`apt-get install fonts-wqy-microhei`). The texts are written
for selfbuy: the notice names a fund manager of selfbuy's issuer directory (so that 本公司 resolves),
but its wording, amount and dates are invented. The PDFs are committed: CI never runs this script.
"""
import datetime
import os
import zlib

from fpdf import FPDF
from fpdf.enums import XPos, YPos

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
OUT = os.path.join(ROOT, "Tests", "SelfBuyKitTests", "Fixtures", "pdf")
SEEDS = os.path.join(ROOT, "Fuzz", "corpus", "pdf")
FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
UTC = datetime.timezone.utc
CHINA = datetime.timezone(datetime.timedelta(hours=8))
os.makedirs(OUT, exist_ok=True)
os.makedirs(SEEDS, exist_ok=True)


def document(title=None, created=None):
    pdf = FPDF(format="A4")
    pdf.set_compression(True)
    pdf.add_font("wqy", fname=FONT)
    pdf.set_font("wqy", size=12)
    pdf.set_margins(20, 20, 20)
    if title:
        pdf.set_title(title)
    pdf.set_creator("selfbuy make-pdf-fixtures.py")
    pdf.set_creation_date(created or datetime.datetime(2025, 1, 1, tzinfo=CHINA))
    return pdf


def save(pdf, name, seed=True):
    data = bytes(pdf.output())
    write(name, data, seed)
    return data


def write(name, data, seed=True):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)
    if seed:
        with open(os.path.join(SEEDS, name), "wb") as f:
            f.write(data)


COMPANY = "万家基金管理有限公司"
TITLE = COMPANY + "关于运用固有资金投资旗下权益类基金的公告"
BODY = [
    "基于对中国资本市场长期健康稳定发展的信心，为切实践行与投资者利益共享、风险共担的理念，本公司决定运用固有资金"
    "投资旗下权益类公募基金，现将有关事项公告如下：",
    "本公司计划自2025年9月5日起陆续运用固有资金不低于5000万元申购本公司旗下权益类基金，持有期限不少于1年。",
    "本次投资将严格遵守法律法规及基金合同的相关规定，并履行必要的内部决策程序。投资者可登录本公司网站或拨打客户服务"
    "电话咨询相关事宜。",
    "特此公告。",
]

# The formal notice. Its CreationDate is 2025-09-02 17:30 UTC: 2025-09-03 01:30 in China, the day of the signature.
pdf = document(TITLE, datetime.datetime(2025, 9, 2, 17, 30, tzinfo=UTC))
pdf.add_page()
pdf.set_font("wqy", size=15)
pdf.multi_cell(0, 9, TITLE, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
pdf.ln(4)
pdf.set_font("wqy", size=12)
for paragraph in BODY:
    pdf.multi_cell(0, 8, "　　" + paragraph, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)
pdf.ln(6)
pdf.multi_cell(0, 8, COMPANY, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
pdf.multi_cell(0, 8, "2025年9月3日", align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
notice = save(pdf, "notice.pdf")

# Two columns of two paragraphs each (no gap or indent between them: one block of text per column), no Title metadata: the title is the first line.
pdf = document(None, datetime.datetime(2025, 10, 14, 9, 0, tzinfo=CHINA))
pdf.add_page()
pdf.set_font("wqy", size=14)
pdf.multi_cell(0, 9, "基金市场周报（双栏）", align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
pdf.set_font("wqy", size=11)
columns = [
    ["左栏第一段：本周权益类基金发行回暖，多家基金公司披露了运用固有资金认购新基金的计划，合计金额较上周有所增加。",
     "左栏第二段：债券型基金净值整体平稳，短债产品规模继续增长，货币基金收益率小幅下行。"],
    ["右栏第一段：指数基金方面，宽基ETF份额继续增加，行业主题ETF出现分化，资金流向科技与红利板块。",
     "右栏第二段：展望下周，市场关注宏观数据发布与新基金发行节奏，基金公司自购意愿仍是观察重点。"],
]
top = pdf.get_y() + 4
for index, paragraphs in enumerate(columns):
    pdf.set_xy(20 + index * 95, top)
    for paragraph in paragraphs:
        pdf.set_x(20 + index * 95)
        pdf.multi_cell(75, 5.5, paragraph, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
save(pdf, "columns.pdf")

# Fifty pages of report text, for the speed figure.
pdf = document("基金运作报告（五十页）", datetime.datetime(2025, 3, 31, 18, 0, tzinfo=CHINA))
line = "报告期内，本基金坚持价值投资理念，重点配置消费、医药与先进制造行业，组合换手率保持在合理水平。"
for page in range(1, 51):
    pdf.add_page()
    pdf.multi_cell(0, 8, f"第{page}页", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    for _ in range(12):
        pdf.multi_cell(0, 8, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
fifty = save(pdf, "fifty-pages.pdf", seed=False)

# More pages than the reader's page cap (100): the text stops there and says so.
pdf = document("基金运作报告（一百二十页）", datetime.datetime(2025, 3, 31, 18, 0, tzinfo=CHINA))
for page in range(1, 121):
    pdf.add_page()
    pdf.multi_cell(0, 8, f"第{page}页", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
save(pdf, "past-page-cap.pdf", seed=False)

# The notice cut in half: no cross-reference table, no trailer.
write("truncated.pdf", notice[: len(notice) // 2])

# The notice behind a user password.
pdf = document(TITLE, datetime.datetime(2025, 9, 3, 9, 0, tzinfo=CHINA))
pdf.set_encryption(owner_password="owner-secret", user_password="user-secret")
pdf.add_page()
pdf.multi_cell(0, 8, TITLE, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
pdf.multi_cell(0, 8, BODY[1], new_x=XPos.LMARGIN, new_y=YPos.NEXT)
save(pdf, "encrypted.pdf")


def handmade(objects):
    """A PDF from raw object bodies, with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    start = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, start)
    return bytes(out)


def stream(dictionary, data):
    return b"<< %s /Length %d >>\nstream\n" % (dictionary, len(data)) + data + b"\nendstream"


# A decompression bomb: a page whose second content stream is deflated twice and inflates to 4 GiB of spaces.
inner = zlib.compressobj(9)
block = inner.compress(b" " * (1 << 20))
once = bytearray(block)
for _ in range(4 * 1024 - 1):
    once += inner.compress(b" " * (1 << 20))
once += inner.flush()
twice = zlib.compress(bytes(once), 9)
content = b"BT /F1 12 Tf 72 700 Td (bomb) Tj ET"
write("bomb.pdf", handmade([
    b"<< /Type /Catalog /Pages 2 0 R >>",
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents [4 0 R 5 0 R]"
    b" /Resources << /Font << /F1 6 0 R >> >> >>",
    stream(b"", content),
    stream(b"/Filter [/FlateDecode /FlateDecode]", twice),
    b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
]), seed=False)

# A memory bomb: one string of 256 MiB, deflated twice into a few hundred bytes, which poppler holds whole.
text = zlib.compressobj(9)
once = bytearray(text.compress(b"BT /F1 12 Tf 72 700 Td ("))
for _ in range(256):
    once += text.compress(b"A" * (1 << 20))
once += text.compress(b") Tj ET") + text.flush()
write("bomb-memory.pdf", handmade([
    b"<< /Type /Catalog /Pages 2 0 R >>",
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
    b" /Resources << /Font << /F1 5 0 R >> >> >>",
    stream(b"/Filter [/FlateDecode /FlateDecode]", zlib.compress(bytes(once), 9)),
    b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
]), seed=False)

# A small, valid handmade PDF (Latin text, no embedded font) as a fuzz seed.
write("minimal.pdf", handmade([
    b"<< /Type /Catalog /Pages 2 0 R >>",
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
    b" /Resources << /Font << /F1 5 0 R >> >> >>",
    stream(b"/Filter /FlateDecode", zlib.compress(b"BT /F1 12 Tf 72 700 Td (self-purchase 5000) Tj ET")),
    b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
]))

# Garbage behind a PDF header.
garbage = bytearray(b"%PDF-1.7\n")
state = 20250903
for _ in range(2048):
    state = (state * 1103515245 + 12345) & 0x7FFFFFFF
    garbage.append(state >> 16 & 0xFF)
write("garbage.pdf", bytes(garbage))

for name in sorted(os.listdir(OUT)):
    print(f"{name}: {os.path.getsize(os.path.join(OUT, name))} bytes")
