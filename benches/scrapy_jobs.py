"""The Scrapy peer of `skilltrend crawl` for benches/crawl_vs_scrapy.py.

Does the same parse-and-store work: follows every same-host link, reads
every schema.org JobPosting in the page's JSON-LD, turns its HTML
description into text, finds skills with word-boundary regexes, and stores
postings (with the raw payload) and their skills in SQLite.

    scrapy runspider benches/scrapy_jobs.py -a start=URL -a db=FILE
"""

import json
import re
import sqlite3
from urllib.parse import urlparse

import scrapy
from w3lib.html import remove_tags, replace_entities

SKILLS = {
    "python": r"\bpython\b", "java": r"\bjava\b", "php": r"\bphp\b", "sql": r"\bsql\b",
    "go": r"\bgo(?:lang)?\b", "rust": r"\brust\b", "ruby": r"\bruby\b", "csharp": r"c#",
    "typescript": r"\btypescript\b", "javascript": r"\bjavascript\b", "postgresql": r"\bpostgres(?:ql)?\b",
    "mysql": r"\bmysql\b", "redis": r"\bredis\b", "kafka": r"\bkafka\b", "docker": r"\bdocker\b",
    "kubernetes": r"\bkubernetes\b", "aws": r"\baws\b", "terraform": r"\bterraform\b",
}
PATTERNS = {k: re.compile(v, re.I) for k, v in SKILLS.items()}


def job_postings(value, depth=0):
    if depth > 24:
        return
    if isinstance(value, dict):
        t = value.get("@type")
        types = t if isinstance(t, list) else [t]
        if "JobPosting" in types:
            yield value
        else:
            for v in value.values():
                yield from job_postings(v, depth + 1)
    elif isinstance(value, list):
        for v in value:
            yield from job_postings(v, depth + 1)


class JobsSpider(scrapy.Spider):
    name = "jobs"
    custom_settings = {
        "ROBOTSTXT_OBEY": True,
        "CONCURRENT_REQUESTS": 64,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 64,
        "DOWNLOAD_DELAY": 0,
        "AUTOTHROTTLE_ENABLED": False,
        "TELNETCONSOLE_ENABLED": False,
        "LOG_LEVEL": "WARNING",
        "COOKIES_ENABLED": False,
    }

    def __init__(self, start, db, **kwargs):
        super().__init__(**kwargs)
        self.start_urls = [start]
        self.allowed_domains = [urlparse(start).hostname]
        self.conn = sqlite3.connect(db)
        self.conn.executescript(
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
            "CREATE TABLE IF NOT EXISTS postings (id INTEGER PRIMARY KEY, external_id TEXT UNIQUE, url TEXT,"
            " title TEXT, company TEXT, posted_at TEXT, description TEXT, raw TEXT);"
            "CREATE TABLE IF NOT EXISTS posting_skills (posting_id INTEGER, skill_id TEXT, PRIMARY KEY (posting_id, skill_id));"
            "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);"
        )
        self.pages = 0
        self.pending = 0

    def parse(self, response):
        self.pages += 1
        for block in response.xpath('//script[@type="application/ld+json"]/text()').getall():
            try:
                data = json.loads(block, strict=False)
            except ValueError:
                continue
            for p in job_postings(data):
                self.store(p, response.url)
        for href in response.css("a::attr(href)").getall():
            yield response.follow(href, callback=self.parse)

    def store(self, p, url):
        desc = p.get("description") or ""
        if "<" not in desc and "&lt;" in desc:
            desc = replace_entities(desc)
        text = replace_entities(remove_tags(desc))
        ident = p.get("identifier")
        external_id = str(ident.get("value")) if isinstance(ident, dict) and ident.get("value") else url
        org = p.get("hiringOrganization")
        company = org.get("name") if isinstance(org, dict) else org
        cur = self.conn.execute(
            "INSERT INTO postings (external_id, url, title, company, posted_at, description, raw) VALUES (?,?,?,?,?,?,?)"
            " ON CONFLICT (external_id) DO UPDATE SET description = excluded.description RETURNING id",
            (external_id, url, p.get("title"), company, p.get("datePosted"), text, json.dumps(p)),
        )
        posting_id = cur.fetchone()[0]
        haystack = (p.get("title") or "") + "\n" + text
        self.conn.executemany(
            "INSERT OR IGNORE INTO posting_skills (posting_id, skill_id) VALUES (?, ?)",
            [(posting_id, k) for k, rx in PATTERNS.items() if rx.search(haystack)],
        )
        self.pending += 1
        if self.pending >= 200:
            self.conn.commit()
            self.pending = 0

    def closed(self, reason):
        self.conn.execute("INSERT OR REPLACE INTO meta VALUES ('pages', ?)", (str(self.pages),))
        self.conn.commit()
        self.conn.close()
