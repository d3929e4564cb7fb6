"""A deterministic synthetic corpus in this project's content layout, for benchmarks.

``generate(root, n, seed)`` writes ``root/mkdocs.yml`` and ``root/content/`` with ``n``
Vietnamese articles spread over the four content types as the union publishes them: news
(about 80 %), bulletin issues of six articles each (8 % of the articles), the monthly column
(7 %) and official documents (5 %), plus the "Giới thiệu" page. The same ``(n, seed)``
always gives the same bytes, so two benchmark runs measure the same site.

The text is drawn from phrases of the union's real news (places of Quảng Trị, its
campaigns, its vocabulary), so that word frequencies, and with them the size of a search
index, look like the real site's. Each bulletin issue has a cover picture (a PNG of about
40 KB, the size of a web-ready cover photo) so that the home page weight includes one
picture. Some articles have photos, tables and links to other articles (see :func:`generate`),
as the real archive does: they exercise picture processing, the link checker and tables.
Pictures are drawn with Pillow from the seeded random stream; 10,000 articles take a few
seconds.

Run as a script to write a corpus: ``python bench/corpus.py DEST N [SEED]``.
"""

from __future__ import annotations

import functools
import io
import os
import random
import string
import sys
from datetime import date, timedelta
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw

THEME = Path(__file__).resolve().parent.parent / "theme"

MKDOCS_YML = """\
site_name: Hội Liên hiệp Phụ nữ tỉnh Quảng Trị
site_url: https://example.org/bantin/
docs_dir: content
site_dir: site
theme:
  name: material
  custom_dir: {theme}
  language: vi
  font: false
  features:
    - navigation.tabs
  palette:
    scheme: default
    primary: custom
    accent: custom
extra_css:
  - assets/stylesheets/bantin.css
markdown_extensions:
  - attr_list
  - md_in_html
  - admonition
  - tables
  - toc:
      permalink: false
plugins:
  - bantin:
      place: Quảng Trị
      issuer:
        parent: HỘI LHPN VIỆT NAM
        body: BCH HỘI LHPN TỈNH QUẢNG TRỊ
nav:
  - Trang chủ: index.md
  - Tin tức: tin-tuc/index.md
  - Bản tin: ban-tin/index.md
  - Phụ nữ và cuộc sống: phu-nu-va-cuoc-song/index.md
  - Văn bản: van-ban/index.md
  - Giới thiệu: gioi-thieu.md
not_in_nav: |
  /tin-tuc/**
  /ban-tin/**
  /phu-nu-va-cuoc-song/**
  /van-ban/**
validation:
  nav:
    omitted_files: ignore
    not_found: ignore
"""

DISTRICTS = (
    "Vĩnh Linh",
    "Gio Linh",
    "Cam Lộ",
    "Triệu Phong",
    "Hải Lăng",
    "Hướng Hóa",
    "Đakrông",
    "Đông Hà",
    "thị xã Quảng Trị",
    "Cồn Cỏ",
)
COMMUNES = (
    "Vĩnh Chấp",
    "Vĩnh Thủy",
    "Cam Thủy",
    "Cam Hiếu",
    "Triệu Độ",
    "Triệu Trạch",
    "Hải Phú",
    "Hải Ba",
    "Gio Mỹ",
    "Gio Quang",
    "Tân Hợp",
    "A Ngo",
    "Hướng Phùng",
    "Ba Lòng",
    "Tà Rụt",
    "Linh Hải",
    "Đông Lương",
    "Hải Lệ",
    "Trung Sơn",
    "Vĩnh Long",
)
ACTIONS = (
    "tổ chức hội nghị tổng kết công tác Hội",
    "ra mắt mô hình “Gia đình 5 không, 3 sạch”",
    "tập huấn kỹ năng phòng, chống bạo lực gia đình",
    "trao sinh kế cho hội viên nghèo",
    "đối thoại chính sách về bình đẳng giới",
    "ra mắt câu lạc bộ phụ nữ khởi nghiệp",
    "tuyên truyền pháp luật về phòng, chống mua bán người",
    "tổ chức đại hội điểm nhiệm kỳ 2021 – 2026",
    "hỗ trợ phụ nữ dân tộc thiểu số phát triển kinh tế",
    "phát động Tháng hành động vì bình đẳng giới",
    "trao nhà “Mái ấm tình thương” cho hội viên khó khăn",
    "tổ chức hội thi “Phụ nữ duyên dáng, tài năng”",
    "ra mắt mô hình “Làng quê an toàn”",
    "tập huấn nghiệp vụ cho cán bộ Hội cơ sở",
    "triển khai Chương trình “Đồng hành cùng phụ nữ biên cương”",
    "phối hợp khám sức khỏe sinh sản cho phụ nữ",
    "bàn giao công trình “Thắp sáng đường quê”",
    "tổ chức ngày hội “Phụ nữ với văn hóa đọc”",
)
ACTORS = (
    "Hội LHPN tỉnh",
    "Hội LHPN huyện {district}",
    "Ban Thường vụ Hội LHPN tỉnh",
    "Hội LHPN xã {commune}",
    "Chi hội phụ nữ thôn {n}",
    "Các cấp Hội trong tỉnh",
    "Hội LHPN {district}",
)
SENTENCES = (
    "Sáng {day}/{month}, {actor} {action} tại xã {commune}, huyện {district}.",
    "Tham dự có đại diện lãnh đạo Hội LHPN tỉnh, Huyện ủy, UBND huyện {district} cùng {count} hội viên.",
    "Hoạt động nhằm nâng cao nhận thức của cán bộ, hội viên về bình đẳng giới và vai trò của phụ nữ trong gia đình.",
    "Qua đó góp phần thực hiện thắng lợi Nghị quyết Đại hội đại biểu Phụ nữ tỉnh lần thứ XV, nhiệm kỳ 2021 – 2026.",
    "Phát biểu tại buổi lễ, Chủ tịch Hội LHPN huyện {district} đề nghị các chi hội duy trì sinh hoạt định kỳ.",
    "Năm {year}, các cấp Hội đã hỗ trợ {count} hộ phụ nữ nghèo vay vốn, tạo việc làm ổn định cho nhiều lao động nữ.",
    "Chị {name}, hội viên thôn {n}, chia sẻ: “Nhờ được tập huấn, chị em đã mạnh dạn hơn khi làm kinh tế.”",
    "Mô hình có {count} thành viên nòng cốt, do ban điều hành gồm 5 chị phụ trách.",
    "Các thành viên cam kết không để xảy ra bạo lực gia đình, giữ nhà sạch, bếp sạch, ngõ sạch.",
    "Dịp này, Hội LHPN tỉnh trao tặng {count} suất quà cho phụ nữ có hoàn cảnh khó khăn trên địa bàn.",
    "Chương trình được lồng ghép với phong trào xây dựng nông thôn mới và đô thị văn minh.",
    "Đại hội đã bầu Ban Chấp hành khóa mới gồm {small} đồng chí, bầu đoàn đại biểu dự đại hội cấp trên.",
    "Những năm qua, phong trào phụ nữ xã {commune} có nhiều chuyển biến tích cực, được cấp ủy đánh giá cao.",
    "Các đại biểu đã thảo luận về giải pháp phòng ngừa bạo lực trên cơ sở giới trong cộng đồng.",
    "Nhiều sản phẩm như nước mắm, dầu tràm, cà phê Khe Sanh được giới thiệu tới khách hàng.",
    "Hội LHPN tỉnh sẽ tiếp tục nhân rộng mô hình ra các xã trên địa bàn huyện {district} trong thời gian tới.",
    "Mùa mưa lũ năm {year}, nhiều hộ gia đình ở vùng trũng huyện {district} bị ngập sâu, hư hỏng tài sản.",
    "Các chi hội đã vận động hội viên chuẩn bị lương thực, nước uống, thuốc men trước mùa bão.",
    "Sau lũ, chị em cùng nhau dọn dẹp nhà cửa, trường học, vệ sinh giếng nước để phòng dịch bệnh.",
    "Trạm y tế xã {commune} phối hợp khám, tư vấn sức khỏe miễn phí cho {count} phụ nữ và trẻ em.",
    "Bác sĩ khuyến cáo chị em nên khám sức khỏe định kỳ, tầm soát ung thư cổ tử cung và ung thư vú.",
    "Nhiều trẻ em được tặng học bổng, xe đạp, áo phao để đến trường an toàn trong mùa mưa.",
    "Câu lạc bộ “Gia đình hạnh phúc” thôn {n} sinh hoạt vào tối thứ Bảy cuối tháng tại nhà văn hóa.",
    "Tổ tiết kiệm và vay vốn của chi hội có {small} thành viên, mỗi tháng góp từ 100 đến 200 nghìn đồng.",
    "Với số vốn được vay, chị {name} đầu tư nuôi bò, trồng hồ tiêu, mỗi năm thu lãi hàng chục triệu đồng.",
    "Những ngày giáp Tết, các chi hội tổ chức gói bánh chưng, bánh tét tặng người già neo đơn.",
    "Đoàn đã đến thăm, tặng quà Mẹ Việt Nam Anh hùng và gia đình chính sách trên địa bàn.",
    "Cuộc thi thu hút {count} lượt thí sinh tham gia, nhiều bài dự thi có nội dung sâu sắc.",
    "Ban tổ chức đã trao giải nhất, nhì, ba và giải khuyến khích cho các tập thể, cá nhân.",
    "Tại hội nghị, các đại biểu được nghe báo cáo viên truyền đạt những nội dung cơ bản của Luật Phòng, chống bạo lực gia đình năm 2022.",
    "Phụ nữ dân tộc Vân Kiều, Pa Kô ở các xã vùng cao được hướng dẫn cách chăm sóc con nhỏ, ăn ở hợp vệ sinh.",
    "Hội đã phối hợp với Ngân hàng Chính sách xã hội quản lý dư nợ hơn {count} tỷ đồng qua các tổ vay vốn.",
    "Tỷ lệ hộ nghèo trong hội viên giảm rõ rệt, nhiều chị em vươn lên làm giàu chính đáng.",
    "Hội viên tích cực tham gia phân loại rác tại nguồn, trồng hoa ven đường, làm sạch bãi biển.",
    "Cuộc vận động “Nói không với túi ni lông và sản phẩm nhựa dùng một lần” được chị em hưởng ứng.",
    "Chương trình văn nghệ chào mừng với nhiều tiết mục ca múa nhạc đặc sắc do hội viên biểu diễn.",
    "Giải bóng chuyền hơi nữ thu hút {small} đội tham gia, tạo sân chơi lành mạnh cho chị em.",
    "Nhân dịp kỷ niệm Ngày Phụ nữ Việt Nam 20/10, Hội tổ chức tọa đàm về vai trò của phụ nữ trong thời kỳ mới.",
    "Ngày Quốc tế Phụ nữ 8/3 năm nay được tổ chức với nhiều hoạt động thiết thực, ý nghĩa.",
    "Các học viên được trang bị kỹ năng bán hàng trực tuyến, quảng bá sản phẩm trên mạng xã hội.",
    "Hợp tác xã do phụ nữ làm chủ đã tạo việc làm thường xuyên cho {small} lao động nữ ở địa phương.",
    "Chị {name} cho biết, thu nhập từ nghề dệt thổ cẩm giúp gia đình có cuộc sống ổn định hơn.",
    "Công tác phát triển hội viên được chú trọng, đặc biệt là nữ công nhân lao động tại các khu công nghiệp.",
    "Hội viên phụ nữ thôn {n} hiến đất, góp ngày công làm đường bê tông dài hơn {count} mét.",
    "Công trình “Thắp sáng đường quê” gồm {small} cột đèn năng lượng mặt trời, tổng kinh phí gần trăm triệu đồng.",
    "Lớp học tiếng Việt cho phụ nữ dân tộc thiểu số được mở vào buổi tối để chị em tiện tham gia sau giờ làm.",
    "Nhiều gương phụ nữ tiêu biểu được biểu dương vì có thành tích xuất sắc trong lao động, sản xuất.",
    "Ban Thường vụ Hội LHPN tỉnh đánh giá cao sự chủ động, sáng tạo của các cơ sở Hội trong năm qua.",
    "Trong đợt cao điểm phòng, chống dịch COVID-19, chị em đã may hàng nghìn khẩu trang tặng người dân.",
    "Các tổ phụ nữ tự quản về an ninh trật tự góp phần giữ gìn bình yên xóm làng.",
    "Nhiều cặp vợ chồng trẻ được tư vấn về kỹ năng làm cha mẹ, chia sẻ việc nhà và nuôi dạy con.",
    "Tình trạng tảo hôn, hôn nhân cận huyết thống ở vùng cao đã giảm nhờ công tác tuyên truyền bền bỉ.",
    "Hội nghị cũng đã triển khai kế hoạch hoạt động, thống nhất các chỉ tiêu trọng tâm năm {year}.",
    "Lãnh đạo địa phương ghi nhận những đóng góp quan trọng của tổ chức Hội vào sự phát triển chung.",
    "Buổi sinh hoạt chuyên đề diễn ra sôi nổi, nhiều ý kiến được chị em mạnh dạn nêu lên.",
    "Từ đầu năm đến nay, Hội đã tiếp nhận và hỗ trợ {small} trường hợp phụ nữ, trẻ em bị bạo lực.",
    "Địa chỉ tin cậy tại cộng đồng là nơi tạm lánh an toàn cho nạn nhân bị bạo lực gia đình.",
    "Đề án hỗ trợ phụ nữ khởi nghiệp đã giúp nhiều ý tưởng kinh doanh trở thành hiện thực.",
    "Sản phẩm của chị em được chứng nhận OCOP ba sao, có mặt ở nhiều siêu thị trong và ngoài tỉnh.",
    "Lễ ra mắt kết thúc trong không khí phấn khởi, đoàn kết của chị em phụ nữ địa phương.",
)
HEADINGS = (
    "Kết quả nổi bật",
    "Những cách làm hay",
    "Phương hướng thời gian tới",
    "Gắn với phong trào ở cơ sở",
    "Lan tỏa trong cộng đồng",
    "Bình đẳng giới từ mỗi gia đình",
    "Hỗ trợ phụ nữ phát triển kinh tế",
)
NAMES = (
    "Nguyễn Thị Hoa",
    "Trần Thị Thu Hà",
    "Lê Thị Thanh Tâm",
    "Hồ Thị Lan",
    "Phan Thị Hương",
    "Đỗ Thị Lý",
    "Võ Thị Mai",
    "Hoàng Thị Nga",
    "Ngô Thị Hạnh",
    "Bùi Thị Duyên",
)
CATEGORIES = ("Hoạt động Hội", "Bình đẳng giới", "Đại hội", "Gia đình", "Phụ nữ khởi nghiệp", "An sinh xã hội")
TAGS = (
    "5 không 3 sạch",
    "Làng quê an toàn",
    "Phụ nữ biên cương",
    "Phòng chống bạo lực gia đình",
    "Tập huấn",
    "Nông thôn mới",
    "Khởi nghiệp",
    "Dân tộc thiểu số",
    "Sinh kế",
    "Văn hóa đọc",
) + DISTRICTS[:8]
DOCUMENT_TYPES = (("Kế hoạch", "KH"), ("Báo cáo", "BC"), ("Hướng dẫn", "HD"), ("Thông báo", "TB"))

START = date(2012, 1, 1)
END = date(2026, 11, 1)

PHOTOS = 50
"""Distinct photos of a corpus; articles reuse them (processing 50 pictures, not thousands,
keeps generation fast, while every article still has its own picture files)."""
PHOTO_SHARE = 10
"""About one news article in PHOTO_SHARE has photos (and one bulletin article in six)."""
TABLE_SHARE = 8
"""About one news or column article in TABLE_SHARE has a table."""
LINK_SHARE = 4
"""About one article in LINK_SHARE links to other articles (one to three links)."""
ALTS = (
    "Hội viên phụ nữ tham dự lễ ra mắt mô hình",
    "Đại biểu trao quà cho hội viên có hoàn cảnh khó khăn",
    "Chị em phụ nữ thôn tham gia buổi tập huấn",
    "Quang cảnh hội nghị tổng kết công tác Hội",
    "Hội viên giới thiệu sản phẩm OCOP của địa phương",
    "Lãnh đạo Hội LHPN tỉnh thăm mô hình sinh kế",
)
TABLE_HEADS = (
    ("Đơn vị", "Hội viên", "Hộ được hỗ trợ", "Tỷ lệ đạt (%)"),
    ("Đơn vị", "Số mô hình", "Thành viên", "Vốn vay (triệu đồng)"),
)


def generate(root: Path, n: int, seed: int = 1) -> Path:
    """Write a site of ``n`` articles into ``root`` (created if needed).

    Besides the text, about one news article in :data:`PHOTO_SHARE` has a lead photo (front
    matter ``image``/``image_alt``) and a second photo in its body (``![alt](file)``), each a
    file beside the article copied from :data:`PHOTOS` distinct generated pictures (JPEG and
    PNG); one bulletin article in six has a photo in its issue's folder; about one news or
    column article in :data:`TABLE_SHARE` has a Markdown table; about one article in
    :data:`LINK_SHARE` links to other articles by their ``.md`` file (news, and documents at
    their "II. NỘI DUNG" heading), links that ``bantin check`` resolves. All dates lie before
    2026-11-01, so everything is published for any ``BANTIN_NOW`` after that.

    Args:
        root: the site folder; ``mkdocs.yml`` and ``content/`` are written there.
        n: the number of articles (news, issue articles, column entries and documents).
        seed: the random seed; the same ``(n, seed)`` gives the same files (with the same
            Pillow version, which encodes the pictures).

    Returns:
        ``root``.
    """
    rng = random.Random(seed)
    root = Path(root)
    content = root / "content"
    content.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(MKDOCS_YML.format(theme=THEME), encoding="utf-8")
    _write(content / "gioi-thieu.md", "---\ntitle: Giới thiệu\n---\n" + _body(rng, 4))
    issues = max(1, round(n * 0.08 / 6))
    columns = round(n * 0.07)
    documents = round(n * 0.05)
    news = max(0, n - issues * 6 - columns - documents)
    corpus = _Corpus(rng, news, documents, _photos(rng))
    for i in range(news):
        _write(content / "tin-tuc" / f"tin-{i:05d}.md", corpus.news(content / "tin-tuc", i))
    for i in range(issues):
        corpus.issue(content / "ban-tin" / f"so-{i + 1:04d}", i + 1, issues)
    for i in range(columns):
        _write(content / "phu-nu-va-cuoc-song" / f"bai-{i:05d}.md", corpus.column(i))
    for i in range(documents):
        _write(content / "van-ban" / f"van-ban-{i:05d}.md", _document(rng, i))
    return root


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _fill(rng: random.Random, template: str) -> str:
    # Only the fields the template names are drawn: drawing all of them for every sentence
    # made generation several times slower.
    values = {name: _FIELDS[name](rng) for name in _fields(template)}
    return template.format(**values)


@functools.cache
def _fields(template: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(name for _, name, _, _ in string.Formatter().parse(template) if name))


_FIELDS = {
    "day": lambda rng: rng.randint(1, 28),
    "month": lambda rng: rng.randint(1, 12),
    "year": lambda rng: rng.randint(2012, 2026),
    "actor": lambda rng: rng.choice(ACTORS).format(
        district=rng.choice(DISTRICTS), commune=rng.choice(COMMUNES), n=rng.randint(1, 12)
    ),
    "action": lambda rng: rng.choice(ACTIONS),
    "commune": lambda rng: rng.choice(COMMUNES),
    "district": lambda rng: rng.choice(DISTRICTS),
    "count": lambda rng: rng.randint(20, 400),
    "small": lambda rng: rng.randint(9, 25),
    "name": lambda rng: rng.choice(NAMES),
    "n": lambda rng: rng.randint(1, 12),
}


def _paragraph(rng: random.Random) -> str:
    return " ".join(_fill(rng, rng.choice(SENTENCES)) for _ in range(rng.randint(2, 4)))


def _body(rng: random.Random, paragraphs: int, extras: dict[int, str] | None = None) -> str:
    """Paragraphs with a heading every third one; ``extras`` maps a paragraph index to a block
    (picture, table) placed after that paragraph."""
    parts = []
    for p in range(paragraphs):
        if p and p % 3 == 0:
            parts.append(f"## {rng.choice(HEADINGS)}")
        parts.append(_paragraph(rng))
        if extras and p in extras:
            parts.append(extras[p])
    return "\n\n".join(parts) + "\n"


def _title(rng: random.Random) -> str:
    actor = rng.choice(ACTORS).format(
        district=rng.choice(DISTRICTS), commune=rng.choice(COMMUNES), n=rng.randint(1, 12)
    )
    return f"{actor} {rng.choice(ACTIONS)} tại xã {rng.choice(COMMUNES)}"


def _day(rng: random.Random) -> date:
    return START + timedelta(days=rng.randrange((END - START).days))


def _quote(text: str) -> str:
    return '"' + text.replace('"', "'") + '"'


def _common(rng: random.Random, slug: str) -> str:
    return (
        f"title: {_quote(_title(rng))}\nslug: {slug}\n"
        f"description: {_quote(_fill(rng, rng.choice(SENTENCES)))}\n"
        f"authors: [{rng.choice(NAMES)}]\n"
        f"tags: [{', '.join(rng.sample(TAGS, 3))}]\n"
    )


class _Corpus:
    """What articles share: the random stream, the link targets and the photos."""

    def __init__(self, rng: random.Random, news: int, documents: int, photos: list[tuple[str, bytes]]):
        self.rng, self.news_count, self.documents, self.photos = rng, news, documents, photos
        self.written: dict[int, Path] = {}

    def news(self, folder: Path, i: int) -> str:
        rng = self.rng
        head = f"---\n{_common(rng, f'tin-{i:05d}')}date: {_day(rng).isoformat()} {rng.randint(7, 17):02d}:00\n"
        head += f"categories: [{rng.choice(CATEGORIES)}]\n"
        paragraphs = rng.randint(6, 11)
        extras: dict[int, str] = {}
        if rng.randrange(PHOTO_SHARE) == 0:
            lead, inline = rng.sample(range(len(self.photos)), 2)
            head += f"image: {self._photo(folder, f'anh-tin-{i:05d}', lead)}\nimage_alt: {_quote(rng.choice(ALTS))}\n"
            extras[1] = f"![{rng.choice(ALTS)}]({self._photo(folder, f'anh-tin-{i:05d}-2', inline)})"
        self._table(extras, paragraphs)
        self._links(extras, paragraphs, "", exclude=i)
        return f"{head}---\n\n{_body(rng, paragraphs, extras)}"

    def column(self, i: int) -> str:
        rng = self.rng
        day = _day(rng)
        paragraphs = rng.randint(6, 11)
        extras: dict[int, str] = {}
        self._table(extras, paragraphs)
        self._links(extras, paragraphs, "../tin-tuc/")
        return (
            f"---\n{_common(rng, f'bai-{i:05d}')}date: {day.isoformat()}\nmonth: {day.month}\nyear: {day.year}\n"
            f"---\n\n{_body(rng, paragraphs, extras)}"
        )

    def issue(self, folder: Path, number: int, count: int) -> None:
        rng = self.rng
        day = START + timedelta(days=(END - START).days * number // (count + 1))
        names = [f"bai-{k}.md" for k in range(1, 7)]
        _write(
            folder / "index.md",
            f'---\ntitle: "Bản tin Bình đẳng giới số {number}"\nnumber: {number}\nlabel: "Số {number}"\n'
            f"date: {day.isoformat()}\ndescription: {_quote(_fill(rng, rng.choice(SENTENCES)))}\n"
            f'cover: bia.png\ncover_alt: "Bìa Bản tin Bình đẳng giới số {number}"\n'
            f"articles: [{', '.join(names)}]\n---\n\n{_paragraph(rng)}\n\n{_paragraph(rng)}\n",
        )
        (folder / "bia.png").write_bytes(_cover(rng))
        for k, name in enumerate(names, start=1):
            paragraphs = rng.randint(6, 11)
            extras: dict[int, str] = {}
            if rng.randrange(6) == 0:  # a bulletin's pictures live in its own folder (print edition)
                extras[0] = f"![{rng.choice(ALTS)}]({self._photo(folder, f'anh-{k}', rng.randrange(len(self.photos)))})"
            self._links(extras, paragraphs, "../../tin-tuc/")
            _write(folder / name, f"---\n{_common(rng, f'so-{number}-bai-{k}')}---\n\n{_body(rng, paragraphs, extras)}")

    def _photo(self, folder: Path, stem: str, index: int) -> str:
        """Put photo ``index`` beside an article as ``stem`` + its suffix; returns the file name.

        The first copy of each photo is written, the next ones are hard links to it (same
        bytes, no extra disk writes: ~1,700 copies at 10,000 articles), or copies where the
        file system has no hard links."""
        suffix, data = self.photos[index]
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{stem}{suffix}"
        first = self.written.get(index)
        try:
            if first is None:
                raise FileNotFoundError
            os.link(first, target)
        except OSError:
            target.write_bytes(data)
            self.written.setdefault(index, target)
        return target.name

    def _table(self, extras: dict[int, str], paragraphs: int) -> None:
        if self.rng.randrange(TABLE_SHARE) == 0:
            extras.setdefault(paragraphs - 2, _table(self.rng))

    def _links(self, extras: dict[int, str], paragraphs: int, to_news: str, exclude: int = -1) -> None:
        """One to three links in a "Xem thêm" paragraph: to news (by file, relative to the
        article's folder ``to_news``) and, from news, to a document's second part."""
        rng = self.rng
        if self.news_count < 2 or rng.randrange(LINK_SHARE):
            return
        links = []
        for _ in range(rng.randint(1, 3)):
            if to_news == "" and self.documents and rng.randrange(4) == 0:
                j = rng.randrange(self.documents)
                links.append(f"[nội dung kế hoạch](../van-ban/van-ban-{j:05d}.md#ii-noi-dung)")
            else:
                j = rng.randrange(self.news_count)
                j = (j + 1) % self.news_count if j == exclude else j
                links.append(f"[{rng.choice(ACTIONS)}]({to_news}tin-{j:05d}.md)")
        extras.setdefault(paragraphs - 1, "Xem thêm: " + "; ".join(links) + ".")


def _table(rng: random.Random) -> str:
    """A results table by district, numbers written the Vietnamese way (1.234)."""
    head = rng.choice(TABLE_HEADS)
    rows = []
    for district in rng.sample(DISTRICTS, rng.randint(3, 6)):
        cells = (rng.randint(800, 9000), rng.randint(5, 400), rng.randint(50, 100))
        rows.append(f"| {district} | " + " | ".join(f"{c:,}".replace(",", ".") for c in cells) + " |")
    year = rng.randint(2012, 2026)
    return (
        f"Kết quả năm {year} của các đơn vị:\n\n| " + " | ".join(head) + " |\n|---|---:|---:|---:|\n" + "\n".join(rows)
    )


def _document(rng: random.Random, i: int) -> str:
    kind, code = DOCUMENT_TYPES[i % len(DOCUMENT_TYPES)]
    lines = "\n".join(f"{n}. {_fill(rng, rng.choice(SENTENCES))}" for n in range(1, rng.randint(4, 8)))
    return (
        f'---\ndocument_type: {kind}\ndocument_number: "{i + 1}/{code}-BTV"\ndate: {_day(rng).isoformat()}\n'
        f"summary_line: {_quote(rng.choice(ACTIONS).capitalize())}\nslug: van-ban-{i:05d}\n"
        f"signer:\n  authority: TM. BAN THƯỜNG VỤ\n  title: CHỦ TỊCH\n  name: {rng.choice(NAMES)}\n"
        f'recipients:\n  - Các huyện, thị, thành Hội;\n  - "Lưu: VT."\n---\n\n'
        f"I. MỤC ĐÍCH, YÊU CẦU\n\n{lines}\n\nII. NỘI DUNG\n\n{_paragraph(rng)}\n"
    )


def _photos(rng: random.Random) -> list[tuple[str, bytes]]:
    """:data:`PHOTOS` distinct pictures as ``(suffix, bytes)``: four in five are 1200×900
    JPEG photos (~90 KB, a phone photo already shrunk by a messaging app), one in five a
    800×600 PNG graphic (flat shapes, as a poster or a chart)."""
    return [(".png", _graphic(rng)) if k % 5 == 4 else (".jpg", _photo(rng)) for k in range(PHOTOS)]


def _photo(rng: random.Random, width: int = 1200, height: int = 900) -> bytes:
    # A smooth colour field (a coarse random grid, upscaled) with fine grain: compresses like a photo.
    field = Image.frombytes("RGB", (8, 6), rng.randbytes(8 * 6 * 3)).resize((width, height), Image.BICUBIC)
    grain = Image.frombytes("RGB", (width // 2, height // 2), rng.randbytes(width * height * 3 // 4))
    image = Image.blend(field, grain.resize((width, height), Image.BILINEAR), 0.06)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()


def _graphic(rng: random.Random, width: int = 800, height: int = 600) -> bytes:
    image = Image.new("RGB", (width, height), (255, 240, 245))
    draw = ImageDraw.Draw(image)
    for _ in range(12):
        x, y = rng.randrange(width), rng.randrange(height)
        box = (x, y, x + rng.randint(40, 300), y + rng.randint(40, 200))
        colour = (rng.randint(120, 255), rng.randint(0, 120), rng.randint(60, 160))
        (draw.ellipse if rng.random() < 0.5 else draw.rectangle)(box, fill=colour)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _cover(rng: random.Random, width: int = 300, height: int = 420) -> bytes:
    """A PNG cover: a pink gradient with sparse grain, about 40 KB like a web-ready photo."""
    red = Image.linear_gradient("L").rotate(90).resize((width, height)).point(lambda v: min(255, 173 + v * 30 // 255))
    green = Image.linear_gradient("L").resize((width, height)).point(lambda v: 20 + v * 52 // 255)
    blue = Image.new("L", (width, height), 87)
    # Grain on ~7 % of the pixels (values 0-7): a lookup table maps random bytes to grain.
    grain = Image.frombytes("L", (width, height), rng.randbytes(width * height)).point(lambda v: v % 8 if v < 18 else 0)
    channels = [ImageChops.add(channel, grain) for channel in (red, green, blue)]
    out = io.BytesIO()
    Image.merge("RGB", channels).save(out, "PNG", compress_level=3)
    return out.getvalue()


if __name__ == "__main__":
    if len(sys.argv) not in (3, 4):
        sys.exit("cách dùng: python bench/corpus.py THƯ_MỤC SỐ_BÀI [SEED]")
    out = generate(Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) == 4 else 1)
    print(f"Đã tạo {sys.argv[2]} bài trong {out}/content/.")
