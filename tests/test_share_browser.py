"""Share links in Chromium (issue 21 §1): the copy buttons put the address and the Zalo text on
the clipboard (the page's policy lets that one script run and no other), nothing is requested
from another host, and the block is not printed. Without scripts the buttons stay hidden and
the fields can still be selected."""

from __future__ import annotations


import pytest
from playwright.sync_api import expect

from conftest import MKDOCS_YML, THEME, build_ok, make_site, news
from browsing import serve
from test_repository import _document

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def article_url(tmp_path_factory):
    """A news article of a small site, served on 127.0.0.1 under the site_url's path (/bantin/)."""
    root = tmp_path_factory.mktemp("share-browser")
    config = MKDOCS_YML.format(theme=THEME) + "extra_css:\n  - assets/stylesheets/bantin.css\n"  # the theme's look
    site = build_ok(
        make_site(
            root / "src",
            {
                "tin-tuc/bai.md": news("Hội nghị tổng kết năm"),
                "van-ban/ke-hoach.md": _document(
                    "Kế hoạch", "206/KH-BTV", "2020-08-17", "Định hướng hoạt động năm 2021"
                ),
            },
            config,
        )
    )
    site.rename(root / "bantin")
    with serve(root) as address:
        yield f"{address}bantin/tin-tuc/hoi-nghi-tong-ket-nam/"


def test_copy_buttons_put_the_address_and_the_zalo_text_on_the_clipboard(visit, article_url):
    v = visit()
    v.context.grant_permissions(["clipboard-read", "clipboard-write"])
    v.page.goto(article_url)
    button = v.page.locator(".bt-share__copy .bt-share__button")
    assert button.is_visible()  # shown by the script: the policy let it run
    button.click()
    address = "https://example.org/bantin/tin-tuc/hoi-nghi-tong-ket-nam/"
    # Waited for with Playwright's own assertions: a wait_for_function string is evaluated by
    # eval() in the page while it polls, which the page's policy (no 'unsafe-eval') refuses,
    # so the wait failed whenever the status was not there at the first look.
    status = v.page.locator("#bt-share-status")
    expect(status).to_have_text("Đã sao chép liên kết.")
    assert v.page.evaluate("navigator.clipboard.readText()") == address
    v.page.click(".bt-share__zalo summary")
    v.page.click(".bt-share__zalo .bt-share__button")
    expect(status).to_contain_text("Zalo")
    assert (
        v.page.evaluate("navigator.clipboard.readText()") == f"Hội nghị tổng kết năm\nTóm tắt.\nXem chi tiết: {address}"
    )
    assert not v.errors  # no script refused by the policy, no error


def test_other_scripts_stay_refused_on_an_entry_page(visit, article_url):
    v = visit()
    v.page.goto(article_url)
    # A script injected as markup (what slipped past the cleaning would be) is refused by the policy.
    v.page.evaluate("""() => { const s = document.createElement('script');
        s.textContent = 'window.ran = true'; document.body.appendChild(s); }""")
    assert v.page.evaluate("window.ran === undefined")
    assert any("Content Security Policy" in e for e in v.errors)


def test_without_scripts_the_fields_remain_and_print_leaves_the_block_out(visit, article_url):
    v = visit(java_script_enabled=False)
    v.page.goto(article_url)
    assert v.page.is_visible("#bt-share-url") and not v.page.is_visible(".bt-share__button")
    assert v.page.input_value("#bt-share-url").endswith("/bantin/tin-tuc/hoi-nghi-tong-ket-nam/")
    assert v.page.is_visible(".bt-share__facebook a")
    v.page.emulate_media(media="print")
    assert not v.page.is_visible(".bt-share")


def test_the_share_block_adds_no_font_file_to_a_page(visit, article_url):
    """The block's title is set in a face every page loads already (Bold, the site's name): set
    in SemiBold, it made a document page, whose text has no SemiBold, download 17 KB more."""
    v = visit()
    fonts = []
    v.page.on(
        "response",
        lambda response: fonts.append(response.url.rsplit("/", 1)[-1]) if response.url.endswith(".woff2") else None,
    )
    v.page.goto(
        article_url.replace("tin-tuc/hoi-nghi-tong-ket-nam/", "van-ban/ke-hoach-206-kh-btv-2020/"),
        wait_until="networkidle",
    )
    v.page.evaluate("document.fonts.ready.then(() => true)")
    assert v.page.is_visible(".bt-share__title")
    assert sorted(set(fonts)) == ["BeVietnamPro-Bold.woff2", "BeVietnamPro-Regular.woff2"]
