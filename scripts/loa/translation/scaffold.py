"""Scaffold: `loa new SLUG` writes a campaign folder that `loa check` accepts at once.

The files carry the editors' schema comment and guidance, in Vietnamese, for
the officers who fill them in. The example text is valid but is meant to be
replaced: `checks/placeholders.py` warns while any of it is left.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from ..content import kinds, spec
from .items import data_items
from ..content.load import read_document
from ..content.problems import ContentError, Problem, display_path
from ..messages import _

DEFAULT_HOTLINE = "child-protection"

CAMPAIGN_TEMPLATE = """\
# yaml-language-server: $schema=../../scripts/loa/schema/campaign.schema.json
# Thông tin chung của chiến dịch, giống nhau ở mọi ngôn ngữ.
# Hướng dẫn: docs/guide/writing-campaigns.md. Sửa xong, chạy: loa check
source_language: {source_language}
# Đối tượng: giữ lại những nhóm phù hợp. schools: trường học;
# vocational-centres: trung tâm giáo dục nghề nghiệp; border-communities: cộng đồng vùng biên.
audiences: [schools, vocational-centres, border-communities]
# Đường dây nóng in trên trang và tờ rơi: các id trong campaigns/hotlines.yml, ít nhất một.
hotlines: [{hotline}]
# Mẫu tờ rơi cần in: a4-trifold (gấp ba), a5-flyer (một tờ).
leaflets: [a4-trifold, a5-flyer]
# Thứ tự trong danh sách chiến dịch: số nhỏ đứng trước.
order: 100
# Ảnh bìa (không bắt buộc): đặt ảnh JPEG/PNG vào thư mục images/, bỏ dấu # ở dòng
# dưới, rồi viết image_alt (ảnh cho thấy gì) trong {source_language}.yml.
# image: images/cover.jpg
"""

TEXT_TEMPLATE = """\
# yaml-language-server: $schema=../../scripts/loa/schema/text.schema.json
# Nội dung chiến dịch bằng ngôn ngữ gốc. Bản dịch (hmn.yml, ium.yml, tyz.yml)
# có cùng cấu trúc. Thay mọi chữ mẫu dưới đây bằng nội dung thật, rồi chạy: loa check
# Số điện thoại luôn đặt trong ngoặc kép khi đứng một mình: "111".

# Tên chiến dịch, ngắn gọn (tối đa 90 ký tự).
title: Tên chiến dịch
# Một hai câu: hiện trên thẻ ở trang chủ và ở bìa tờ rơi (tối đa 300 ký tự).
summary: >-
  Một hai câu cho biết chiến dịch giúp người đọc điều gì và gọi ai khi cần giúp đỡ.
# Từ 3 đến 6 câu ngắn (tối đa 90 ký tự), in chữ lớn trên tờ rơi.
key_messages:
  - Thông điệp thứ nhất.
  - Thông điệp thứ hai.
  - Thông điệp thứ ba.
# Các phần của trang, theo thứ tự. Mỗi phần có một id riêng (chữ thường không dấu,
# số và dấu gạch ngang) để ghép bản dịch với bản gốc: đã dịch rồi thì đừng đổi id.
sections:
  - id: section-1
    heading: Tiêu đề phần
    # Markdown: các đoạn cách nhau một dòng trống; danh sách bắt đầu bằng "- ";
    # **đậm**, *nghiêng*; liên kết [chữ](https://...) hoặc [111](tel:111).
    body: |
      Nội dung của phần này.

      - Ý thứ nhất.
      - Ý thứ hai.
    # Chỉ dành cho một số đối tượng? Bỏ dấu # ở dòng dưới.
    # audiences: [border-communities]

# Câu chuyện (không bắt buộc). kind: composite khi viết từ nhiều trường hợp (trang web và
# tờ rơi ghi rõ điều đó); kind: real khi là chuyện của một người, kèm biên bản đồng ý:
#     consent: {given_by: person, date: 2026-10-01, scope: [web, print]}
# (người dưới 18 tuổi: given_by: guardian, under_18: true).
# Không ghi tên thật, tên thôn bản, tuổi hay lớp học của người trong chuyện.
# stories:
#   - id: chuyen-1
#     kind: composite
#     text: |
#       Tôi được hứa một việc làm lương cao...

# Câu hỏi thảo luận cho lớp học hoặc buổi họp thôn (không bắt buộc).
# discussion:
#   - Ai có thể giúp bạn nếu bạn bị lừa?
"""

PLACEHOLDERS = frozenset(data_items(yaml.safe_load(TEXT_TEMPLATE)).values())


def new_campaign(campaigns_dir: Path, slug: str, source_language: str = "vi") -> list[Path]:
    """Create `<slug>/campaign.yml` and `<slug>/<source_language>.yml`. Returns the files written."""
    folder = campaigns_dir / slug
    problem = _refusal(campaigns_dir, slug)
    if problem:
        raise ContentError([problem])
    folder.mkdir()
    files = [
        (folder / "campaign.yml", CAMPAIGN_TEMPLATE.format(source_language=source_language, hotline=_hotline(campaigns_dir))),
        (folder / f"{source_language}.yml", TEXT_TEMPLATE),
    ]
    for path, text in files:
        path.write_text(text, encoding="utf-8")
    return [path for path, _text in files]


def _refusal(campaigns_dir: Path, slug: str) -> Problem | None:
    folder = campaigns_dir / slug
    if not campaigns_dir.is_dir():
        return Problem(display_path(campaigns_dir), None, None, "", _("the campaigns folder does not exist"),
                       _("run loa from the project folder, or pass the right folder with --campaigns DIR"))
    if not spec.SLUG.fullmatch(slug):
        return Problem(display_path(folder), None, None, "", _("'{slug}' cannot be a campaign's address").format(slug=slug),
                       _("use lowercase ASCII letters, digits and single hyphens, e.g. '{example}'").format(
                           example=kinds.suggest_slug(slug)))
    if folder.exists():
        return Problem(display_path(folder), None, None, "", _("the campaign '{slug}' already exists").format(slug=slug),
                       _("choose another name, or edit the files in that folder"))
    return None


def _hotline(campaigns_dir: Path) -> str:
    """The required hotline(s), else child-protection if hotlines.yml has it (or cannot be read), else its first id."""
    path = campaigns_dir / "hotlines.yml"
    doc = read_document(path)[0] if path.is_file() else None
    entries = doc.data.get("hotlines") if doc is not None and isinstance(doc.data, dict) else None
    entries = [e for e in entries or [] if isinstance(e, dict) and isinstance(e.get("id"), str)]
    required = [e["id"] for e in entries if e.get("required") is True]
    if required:
        return ", ".join(required)
    ids = [e["id"] for e in entries]
    return DEFAULT_HOTLINE if not ids or DEFAULT_HOTLINE in ids else ids[0]
