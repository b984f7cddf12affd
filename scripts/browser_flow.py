#!/usr/bin/env python3
"""The pages of `cedocs serve` in headless chromium, through chromedriver's WebDriver API (plain HTTP
from the standard library: nothing to install from PyPI). Run by scripts/test-browser.sh, which starts
the service and the driver. Each step asserts on what the page shows and saves screenshots at 1280×800
and 375×800. Exits 1 naming the first step that failed."""
import argparse
import base64
import glob
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
import zipfile

ELEMENT = "element-6066-11e4-a52e-4f735466cecf"


class Failed(Exception):
    pass


class Browser:
    def __init__(self, driver, chromium, downloads, profile):
        self.driver = driver
        options = {
            "binary": chromium,
            # Root on a fresh Debian 12: no sandbox; /dev/shm may be small in a container.
            "args": ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1280,800", "--lang=zh-CN", f"--user-data-dir={profile}"],
            "prefs": {"download.default_directory": downloads, "download.prompt_for_download": False,
                      "plugins.always_open_pdf_externally": True},
        }
        answer = self.call("POST", "/session", {"capabilities": {"alwaysMatch": {
            "browserName": "chrome", "goog:chromeOptions": options}}})
        self.session = answer["sessionId"]
        self.call("POST", f"/session/{self.session}/goog/cdp/execute",
                  {"cmd": "Browser.setDownloadBehavior", "params": {"behavior": "allow", "downloadPath": downloads}})

    def call(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.driver + path, data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return json.load(response)["value"]
        except urllib.error.HTTPError as error:
            raise Failed(f"WebDriver {method} {path}: {error.read().decode(errors='replace')[:500]}")

    def s(self, path):
        return f"/session/{self.session}{path}"

    def open(self, url):
        self.call("POST", self.s("/url"), {"url": url})

    def url(self):
        return self.call("GET", self.s("/url"))

    def text(self):
        """What the page shows, as a person reads it."""
        return self.call("POST", self.s("/execute/sync"), {"script": "return document.body.innerText", "args": []})

    def until(self, condition, seconds=30):
        """Waits for `condition()` (a page that a click or Enter is loading), for at most `seconds`;
        returns its last value."""
        deadline = time.time() + seconds
        while True:
            try:
                value = condition()
            except Failed:
                value = None  # the page was replaced while it was read
            if value or time.time() > deadline:
                return value
            time.sleep(0.1)

    def shows(self, *fragments):
        """Waits until the page shows every fragment; whether it did."""
        return bool(self.until(lambda: all(f in self.text() for f in fragments)))

    def script(self, code):
        return self.call("POST", self.s("/execute/sync"), {"script": code, "args": []})

    def find(self, css):
        return self.call("POST", self.s("/element"), {"using": "css selector", "value": css})[ELEMENT]

    def type(self, css, text):
        self.call("POST", self.s(f"/element/{self.find(css)}/value"), {"text": text})

    def click(self, css):
        self.call("POST", self.s(f"/element/{self.find(css)}/click"), {})

    def screenshots(self, folder, name):
        """The page at a desktop's 1280×800 and at a phone's 375 px width."""
        for width in (1280, 375):
            self.call("POST", self.s("/window/rect"), {"width": width, "height": 800})
            inner = self.script("return window.innerWidth")
            if width == 375 and inner > 400:
                raise Failed(f"the window did not narrow to a phone's width (innerWidth {inner})")
            overflow = self.script("return document.documentElement.scrollWidth - window.innerWidth")
            if overflow > 0:
                raise Failed(f"{name} at {width} px is wider than the window by {overflow} px")
            png = base64.b64decode(self.call("GET", self.s("/screenshot")))
            with open(os.path.join(folder, f"{name}-{width}.png"), "wb") as file:
                file.write(png)
        self.call("POST", self.s("/window/rect"), {"width": 1280, "height": 800})

    def quit(self):
        self.call("DELETE", self.s(""))


def expect(condition, what):
    if not condition:
        raise Failed(what)
    print(f"ok      {what}")


def wait_for_download(folder, suffix, seconds=60):
    deadline = time.time() + seconds
    while time.time() < deadline:
        done = [f for f in glob.glob(os.path.join(folder, "*" + suffix)) if not f.endswith(".crdownload")]
        if done and not glob.glob(os.path.join(folder, "*.crdownload")):
            return done[0]
        time.sleep(0.2)
    raise Failed(f"no {suffix} was downloaded into {folder} in {seconds} s: {os.listdir(folder)}")


def result_url(stamped):
    """The QR code of one person's result sheet in the stamped ZIP, read with zbarimg: the URL a phone
    would open."""
    archive = zipfile.ZipFile(stamped)
    result = next(name for name in archive.namelist() if name.endswith("/result.pdf"))
    with tempfile.TemporaryDirectory() as folder:
        pdf = os.path.join(folder, "result.pdf")
        with open(pdf, "wb") as file:
            file.write(archive.read(result))
        subprocess.run(["pdftoppm", "-r", "150", "-png", "-singlefile", pdf, os.path.join(folder, "page")], check=True)
        decoded = subprocess.run(["zbarimg", "--raw", "-q", os.path.join(folder, "page.png")], check=True,
                                 capture_output=True, text=True).stdout.strip()
    return decoded.splitlines()[0]


def main():
    parser = argparse.ArgumentParser()
    for name in ("base", "driver", "chromium", "unit-token", "agency-token", "records", "downloads", "profile", "shots"):
        parser.add_argument("--" + name, required=True)
    args = parser.parse_args()
    downloads = os.path.abspath(args.downloads)
    browser = Browser(args.driver, args.chromium, downloads, os.path.abspath(args.profile))
    try:
        # Sign in by keyboard alone: the token field has the focus, Enter sends the form.
        browser.open(args.base + "/")
        expect(browser.url().endswith("/sign-in"), "/ leads to the sign-in page")
        expect("访问令牌" in browser.text(), "the sign-in page asks for the token")
        browser.screenshots(args.shots, "sign-in")
        expect(browser.script("return document.activeElement.id") == "token", "the token field has the keyboard focus")
        browser.type("#token", "wrong-token\ue007")
        expect(browser.shows("访问令牌不正确"), "a wrong token is refused in words")
        browser.screenshots(args.shots, "sign-in-refused")
        browser.type("#token", args.unit_token + "\ue007")
        expect(browser.until(lambda: browser.url().endswith("/unit")), "the unit's token leads to the unit's page")
        cookies = browser.call("GET", browser.s("/cookie"))
        expect(all(args.unit_token not in c["value"] for c in cookies), "the token is not kept in any cookie")
        session = [c for c in cookies if c["name"] == "cedocs_session"]
        expect(session and session[0]["httpOnly"] and session[0]["sameSite"] == "Strict",
               "the session cookie is HttpOnly and SameSite=Strict")
        expect("徐州市第一人民医院" in browser.text(), "the unit's page names the unit")
        expect(browser.script("return [...document.querySelectorAll('input:not([type=hidden])')]"
                              ".every(i => i.labels && i.labels.length > 0)"), "every field of the unit's page has a label")
        browser.screenshots(args.shots, "unit")

        # Upload the example → one table, a row per person.
        browser.type("#records", os.path.abspath(args.records))
        browser.click("form[action='/unit/check'] button[type=submit]")
        expect(browser.shows("检查结果：example.json（2016 年度）"), "the upload is checked")
        text = browser.text()
        rows = browser.script("return document.querySelectorAll('table.people tbody tr').length")
        people = len(json.load(open(args.records))["people"])
        expect(rows == people, f"the table has a row per person ({rows} of {people})")
        expect("张卫东" in text and "合格" in text, "a person's name and verdict are shown")
        browser.screenshots(args.shots, "unit-checked")

        # The previews: every one opened, every image loaded (drawn by the server from the PDF's display list).
        browser.script("document.querySelectorAll('details').forEach(d => d.open = true)")
        deadline = time.time() + 60
        loaded = "return [...document.images].length > 0 && [...document.images].every(i => i.complete && i.naturalWidth > 0)"
        while not browser.script(loaded) and time.time() < deadline:
            time.sleep(0.2)
        images = browser.script("return document.images.length")
        expect(browser.script(loaded) and images == people + 1, f"the {images} previews (附件1 of each person, 附件2) are shown")
        browser.script("document.querySelector('img[src$=\"annual-audit.png\"]').scrollIntoView()")
        browser.screenshots(args.shots, "unit-previews")
        browser.script("window.scrollTo(0, 0)")

        # The print job: a real PDF, with the people's names in it.
        browser.click("a[href='/unit/print-job.pdf']")
        pdf = wait_for_download(downloads, ".pdf")
        with open(pdf, "rb") as file:
            expect(file.read(5) == b"%PDF-", "the print job downloads as a PDF")
        words = subprocess.run(["pdftotext", pdf, "-"], check=True, capture_output=True, text=True).stdout
        expect("张卫东" in words, "pdftotext finds 张卫东 in the print job")
        os.remove(pdf)

        # Submit to the agency: kept on the server, with who and when.
        browser.click("form[action='/unit/submit'] button[type=submit]")
        expect(browser.shows("（example.json）提交给审验机构"), "the checked records are submitted to the agency")
        browser.screenshots(args.shots, "unit-submitted")

        # The agency's page is not the unit's: 403 in words.
        browser.open(args.base + "/agency")
        expect(browser.shows("此页面只供审验机构使用"), "the unit's session is refused the agency's page")
        browser.screenshots(args.shots, "refused")

        # Sign out: back to the sign-in page, and the unit's page is closed.
        browser.open(args.base + "/unit")
        browser.click("header button[type=submit]")
        expect(browser.until(lambda: browser.url().endswith("/sign-in?reason=signed-out")), "sign-out leads back to sign-in")
        browser.open(args.base + "/unit")
        expect("/sign-in" in browser.url() and browser.shows("登录已过期或尚未登录"),
               "after sign-out the unit's page asks to sign in again")

        # The agency signs in, sees the unit's submission, stamps it and gets the stamped ZIP.
        browser.open(args.base + "/sign-in")
        browser.type("#token", args.agency_token + "\ue007")
        expect(browser.until(lambda: browser.url().endswith("/agency")) and browser.shows("徐州市职业技术培训中心"),
               "the agency's token leads to the agency's page")
        expect(browser.shows("徐州市第一人民医院", "第一人民医院人事科"), "the agency's page lists the unit's submission")
        browser.screenshots(args.shots, "agency")
        browser.click("a[href^='/agency/submission']")
        expect(browser.shows("张卫东", "买买提·艾力"), "the agency sees the submission as the unit's table")
        browser.screenshots(args.shots, "agency-submission")
        expect(browser.script("return [...document.querySelectorAll('input:not([type=hidden])')]"
                              ".every(i => i.labels && i.labels.length > 0)"), "every box of the submission's table has a label")

        # Only the ticked: 张卫东's box, ticked by keyboard (focus, then space), stamped with progress.
        examined = [p["id_number"] for p in json.load(open(args.records))["people"] if "audit" in p]
        ticked = examined[0]
        browser.script(f"document.getElementById('pick-{ticked}').focus()")
        browser.type(f"#pick-{ticked}", " ")
        expect(browser.script(f"return document.getElementById('pick-{ticked}').checked"), "a person's box is ticked by keyboard")
        browser.screenshots(args.shots, "agency-ticked")
        browser.click("form#stamp button[type=submit]")
        expect(browser.shows("已处理 3 / 3 人", "盖章完成：出具结果 1 份"), "the stamp page shows its progress, then one result")
        expect(browser.shows("本次未选中盖章"), "the people not ticked are named as not stamped")
        browser.screenshots(args.shots, "agency-stamped")
        browser.click("a[href^='/agency/stamped.zip']")
        stamped = wait_for_download(downloads, ".zip", seconds=300)
        report = json.loads(zipfile.ZipFile(stamped).read("stamp-report.json"))
        issued = [r["subject"] for r in report["issued"]]
        expect(len(issued) == 1 and ticked in issued[0], f"the stamped ZIP holds the ticked person's result alone ({issued})")

        # The list says who stamped and when; a search finds the result, the person masked.
        browser.open(args.base + "/agency")
        expect(browser.shows("已盖章：徐州市职业技术培训中心"), "the agency's list shows the submission as stamped")
        browser.type("#q", "张卫东\ue007")
        expect(browser.shows("找到 1 份审验结果", "张*东", "XZPX-2016-"), "a search by name finds the result, masked")
        expect(ticked not in browser.text(), "the search shows the ID number masked")
        browser.screenshots(args.shots, "agency-search")

        # Anyone: /verify by serial, and a result's QR code URL.
        browser.open(args.base + "/verify")
        browser.screenshots(args.shots, "verify-form")
        browser.type("#serial", "XZPX-2016-999999")
        browser.type("#code", "ABCD-EFGH\ue007")
        expect(browser.shows("审验结果无效"), "a serial never issued is answered as invalid")
        url = result_url(stamped)
        expect(url.startswith(args.base + "/v1/verify/XZPX-2016-"), f"the result's QR code holds its URL ({url})")
        browser.open(url)
        expect(browser.shows("审验结果真实有效") and "*" in browser.text(), "the QR URL shows the genuine result, the person masked")
        browser.screenshots(args.shots, "verify-genuine")
        serial = url.split("/")[-1].split("?")[0]
        browser.open(args.base + f"/verify?serial={serial}")
        expect(browser.shows("审验编号有效"), "a typed serial without its code says only that it is valid")
        browser.screenshots(args.shots, "verify-serial")
    except Failed as failure:
        print(f"FAILED  {failure}")
        try:
            browser.screenshots(args.shots, "failed")
        except Failed:
            pass
        return 1
    finally:
        browser.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
