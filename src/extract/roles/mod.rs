//! Who a posting is for: the roles of the jobs it offers and the levels its
//! title names, by the contract in `../shared/docs/roles.md`. Pure: text in, labels out.
//!
//! The title — or, for an HN comment, its first line with any edit note
//! skipped — is read thoroughly ([`title`]): its words and phrases are
//! found with a small automaton over its tokens, grouped into jobs (a noun
//! such as "engineer" with the words beside it) and its lists are unfolded.
//! A specific title decides alone. The text is read only when a job leaves
//! its speciality open (a generic title, a language, a customer-facing or
//! research title) and for HN comments, which list jobs in their body: one
//! Aho-Corasick pass over cue phrases with cheap checks around each hit
//! ([`text`]).

#[cfg(test)]
mod contract_tests;
mod lexicon;
mod naive;
mod text;
mod title;

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::fmt;
use std::ops::Range;

pub use naive::naive_roles;

use lexicon::{AREAS, Amb};
use text::{Facts, Hit, TextReader, Window, WindowKind};
use title::{Job, Kind, Mode, Reading, TitleReader};

/// The role of a job (../shared/docs/roles.md, "Roles").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    Backend,
    Fullstack,
    Frontend,
    Mobile,
    Data,
    Ml,
    Devops,
    Security,
    Embedded,
    Qa,
    Software,
    Management,
    Other,
}

impl Role {
    /// Every role, in the contract's order.
    pub const ALL: &'static [Role] = &[
        Role::Backend,
        Role::Fullstack,
        Role::Frontend,
        Role::Mobile,
        Role::Data,
        Role::Ml,
        Role::Devops,
        Role::Security,
        Role::Embedded,
        Role::Qa,
        Role::Software,
        Role::Management,
        Role::Other,
    ];

    /// The contract's id.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Backend => "backend",
            Role::Fullstack => "fullstack",
            Role::Frontend => "frontend",
            Role::Mobile => "mobile",
            Role::Data => "data",
            Role::Ml => "ml",
            Role::Devops => "devops",
            Role::Security => "security",
            Role::Embedded => "embedded",
            Role::Qa => "qa",
            Role::Software => "software",
            Role::Management => "management",
            Role::Other => "other",
        }
    }
}

/// A seniority level (../shared/docs/roles.md, "Seniority").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    Intern,
    Junior,
    Mid,
    Senior,
    Staff,
    Lead,
    Manager,
}

impl Level {
    /// Every level, from the most junior.
    pub const ALL: &'static [Level] =
        &[Level::Intern, Level::Junior, Level::Mid, Level::Senior, Level::Staff, Level::Lead, Level::Manager];

    /// The contract's id.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Intern => "intern",
            Level::Junior => "junior",
            Level::Mid => "mid",
            Level::Senior => "senior",
            Level::Staff => "staff",
            Level::Lead => "lead",
            Level::Manager => "manager",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Role {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Role::ALL.iter().copied().find(|r| r.as_str() == s).ok_or_else(|| {
            let ids: Vec<&str> = Role::ALL.iter().map(|r| r.as_str()).collect();
            format!("unknown role '{s}' (expected one of: {})", ids.join(", "))
        })
    }
}

impl std::str::FromStr for Level {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Level::ALL.iter().copied().find(|l| l.as_str() == s).ok_or_else(|| {
            let ids: Vec<&str> = Level::ALL.iter().map(|l| l.as_str()).collect();
            format!("unknown level '{s}' (expected one of: {})", ids.join(", "))
        })
    }
}

/// What a piece of evidence supports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    Role(Role),
    Level(Level),
}

/// Why a label was given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    pub what: Label,
    /// Whether `range` is in the title (else in the text).
    pub in_title: bool,
    /// Bytes in the title, or in the text.
    pub range: Range<usize>,
    pub why: &'static str,
}

/// The roles and levels of a posting, with the evidence for each.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RoleScan {
    pub roles: BTreeSet<Role>,
    pub levels: BTreeSet<Level>,
    pub evidence: Vec<Evidence>,
}

impl RoleScan {
    fn role(&mut self, r: Role, in_title: bool, range: Range<usize>, why: &'static str) {
        if self.roles.insert(r) {
            self.evidence.push(Evidence { what: Label::Role(r), in_title, range, why });
        }
    }

    fn level(&mut self, l: Level, in_title: bool, range: Range<usize>) {
        if self.levels.insert(l) {
            let why = if in_title { "title word" } else { "first line word" };
            self.evidence.push(Evidence { what: Label::Level(l), in_title, range, why });
        }
    }
}

/// A small set of roles (bit `r as u8`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct RoleSet(pub u16);

impl RoleSet {
    pub fn of(r: Role) -> RoleSet {
        RoleSet(1 << r as u8)
    }
    pub fn insert(&mut self, r: Role) {
        self.0 |= 1 << r as u8;
    }
    pub fn remove(&mut self, r: Role) {
        self.0 &= !(1 << r as u8);
    }
    pub fn contains(self, r: Role) -> bool {
        self.0 & (1 << r as u8) != 0
    }
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
    pub fn iter(self) -> impl Iterator<Item = Role> {
        Role::ALL.iter().copied().filter(move |r| self.contains(*r))
    }
}

/// A small set of levels (bit `l as u8`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct LevelSet(pub u8);

impl LevelSet {
    pub fn insert(&mut self, l: Level) {
        self.0 |= 1 << l as u8;
    }
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
}

/// The classifier: its automata are built once and shared (Send + Sync).
pub struct RoleClassifier {
    title: TitleReader,
    text: TextReader,
}

impl Default for RoleClassifier {
    fn default() -> Self {
        RoleClassifier::new()
    }
}

impl fmt::Debug for RoleClassifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RoleClassifier")
    }
}

/// Where a job was read, for its evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    /// A posting's title (ranges in the title).
    Title,
    /// A comment's first line or body (ranges in the text).
    Text,
}

impl RoleClassifier {
    pub fn new() -> RoleClassifier {
        RoleClassifier { title: TitleReader::new(), text: TextReader::new() }
    }

    /// The roles and levels of a posting. `title`: the posting's title when
    /// the source has one; None: the text's first line is read as an HN
    /// "Who is hiring?" first line (`Company | Title | Location | …`, an edit
    /// note such as "CLOSED" skipped). `text` is normalised plain text.
    pub fn classify(&self, title: Option<&str>, text: &str) -> RoleScan {
        let mut scan = RoleScan::default();
        match title {
            Some(t) => self.classify_titled(t, text, &mut scan),
            None => self.classify_comment(text, &mut scan),
        }
        scan
    }

    fn classify_titled(&self, title: &str, text: &str, scan: &mut RoleScan) {
        let reading = self.title.read(title, 0, Mode::Title);
        for (l, r) in &reading.levels {
            scan.level(*l, true, r.clone());
        }
        if reading.jobs.is_empty() {
            scan.role(Role::Other, true, 0..title.len(), "title names no software job");
            return;
        }
        let facts = if reading.jobs.iter().any(needs_text) {
            let mut hits = Vec::with_capacity(32);
            self.text.scan(text, 0, &mut hits);
            self.text.facts(text, 0, &hits, &[])
        } else {
            Facts::default()
        };
        let mut jobs = reading.jobs;
        keep_named_jobs(&mut jobs, title);
        let alone = jobs.len() == 1;
        for job in &jobs {
            resolve(job, &facts, Source::Title, alone, scan);
        }
    }

    fn classify_comment(&self, text: &str, scan: &mut RoleScan) {
        let (line, header, reading) = self.title_line(text);
        // A first line in prose ("We're hiring backend engineers. …") is
        // the body's first sentence too: its hiring clauses are read.
        let after = (line.end + 1).min(text.len());
        let body = if is_prose(&header) { line.start } else { after };
        let mut hits = Vec::with_capacity(64);
        self.text.scan(text, body, &mut hits);
        drop_poster_titles(text, after, &mut hits);
        // Who speaks is read after the first line ("I'm looking for a CTO"
        // is a company's first line, not a candidate's).
        let rest = &hits[hits.partition_point(|h| (h.start as usize) < after)..];
        let voice = self.text.facts(text, after, rest, &[]);
        if reading.seeker || (voice.seeker || introduces_self(&header)) && !voice.company {
            // A candidate's post offers no job.
            return;
        }
        for (l, r) in &reading.levels {
            scan.level(*l, false, r.clone());
        }
        if let Some(r) = interns_offered(&text[line.clone()]) {
            scan.level(Level::Intern, false, line.start + r.start..line.start + r.end);
        }
        let mut jobs = reading.jobs;
        let mut listed = Vec::new();
        self.body_jobs(text, body, &hits, &mut jobs, &mut listed);
        keep_named_jobs(&mut jobs, text);
        if jobs.is_empty() {
            // "AI is a buzzword.", "[flagged]", a reply: a comment with no
            // fields, no job and no sign of a posting offers nothing.
            if has_fields(&header) || self.posting_signs(text) {
                self.unnamed_job(text, body, &hits, line, scan);
            }
            return;
        }
        // List items describe their own jobs, not the others'.
        let facts = self.text.facts(text, body, &hits, &listed);
        let alone = one_job(&jobs);
        // A stack the text states describes every engineering job when
        // they are all the same generic one ("Software Engineer", "Senior
        // Software Engineer", beside a manager or a designer).
        let on_one_stack = alone || generic_alike(&jobs);
        for job in &jobs {
            let local = job.context.as_ref().filter(|_| needs_text(job)).map(|c| {
                let inside = &hits[hits.partition_point(|h| (h.start as usize) < c.start)
                    ..hits.partition_point(|h| (h.start as usize) < c.end)];
                self.text.facts(text, c.start, inside, &[])
            });
            let f = match &local {
                Some(l) if l.score.iter().any(|&x| x > 0) => l,
                _ => &facts,
            };
            let lone = if job.kind == Kind::Generic { on_one_stack } else { alone };
            resolve(job, f, Source::Text, lone, scan);
        }
    }

    /// A comment's title line (see [`first_line`]), with its asides
    /// blanked, and what it reads. A first line of no fields that names no
    /// job nor level ("Hacker News post", "We're hiring!", "1/2") gives way
    /// to the next line when that one is a header of fields ("Acme | Senior
    /// Backend Engineer | Remote") that names a job.
    fn title_line<'t>(&self, text: &'t str) -> (Range<usize>, Cow<'t, str>, Reading) {
        let line = first_line(text);
        let header = blank_asides(&text[line.clone()]);
        let reading = self.title.read(&header, line.start, Mode::FirstLine);
        if !reading.jobs.is_empty() || !reading.levels.is_empty() || reading.seeker || has_fields(&header) {
            return (line, header, reading);
        }
        // A list's item ("- Acme | Backend Engineer | Lille") is the body's.
        let header_shaped = |n: &Range<usize>| {
            let s = &text[n.clone()];
            s.matches('|').count() >= 2 && !s.starts_with(['-', '*', '•', '·'])
        };
        let Some(next) = next_line(text, line.end).filter(header_shaped) else {
            return (line, header, reading);
        };
        let next_header = blank_asides(&text[next.clone()]);
        let next_reading = self.title.read(&next_header, next.start, Mode::FirstLine);
        if next_reading.jobs.is_empty() {
            return (line, header, reading);
        }
        (next, next_header, next_reading)
    }

    /// Whether a comment that names no job still reads as a posting: the
    /// cues of one anywhere in it (hiring, the company speaking, the
    /// work's words), or a link or label of one ("…/careers", "Location:").
    fn posting_signs(&self, text: &str) -> bool {
        const SIGNS: [&str; 12] = [
            "career",
            "/jobs",
            "jobs.",
            "/job/",
            "position",
            "opening",
            "apply",
            "join ",
            "lever.co",
            "greenhouse",
            "workable",
            "location:",
        ];
        let mut hits = Vec::new();
        self.text.scan(text, 0, &mut hits);
        let lower = text.to_lowercase();
        self.text.posting_signs(&hits) || SIGNS.iter().any(|s| lower.contains(s)) && !lower.contains("whoishiring")
    }

    /// The role of a comment that names no job: what its body says the
    /// hire will do, as for "Engineer" — from sentences about the work, not
    /// the company's description of itself, and both sides only when it
    /// says so (a stack list is no job) — else `software`.
    fn unnamed_job(&self, text: &str, body: usize, hits: &[Hit], line: Range<usize>, scan: &mut RoleScan) {
        let about_company = text::company_sentences(text, body);
        let facts = self.text.facts(text, body, hits, &about_company);
        let work = match facts.fullstack {
            Some(_) => speciality(&facts),
            None => leading_area(&facts, &AREAS, 2).map(|r| (r, why_area(r))),
        };
        match work {
            Some((r, _)) => text_role(scan, r, &facts, "names no job: the text's work"),
            None => scan.role(Role::Software, false, line, "names no job: software"),
        }
    }

    /// Adds the jobs a comment's body (from `body`) lists; `listed` gets
    /// the lines of the list items that named them.
    fn body_jobs(&self, text: &str, body: usize, hits: &[Hit], jobs: &mut Vec<Job>, listed: &mut Vec<Range<usize>>) {
        let mut windows: Vec<Window> = Vec::new();
        self.text.windows(text, body, hits, &mut windows);
        // The items of a comma run whose first item is not a clean title.
        let mut spoilt: Option<Range<usize>> = None;
        // The bullets that read as job titles: their siblings are read after.
        let mut titles: Vec<usize> = Vec::new();
        let (siblings, others): (Vec<&Window>, Vec<&Window>) =
            windows.iter().partition(|w| matches!(w.kind, WindowKind::Sibling { .. }));
        for w in others.into_iter().chain(siblings) {
            if w.kind == WindowKind::Line && spoilt.as_ref() == Some(&w.line) {
                continue;
            }
            if matches!(w.kind, WindowKind::Sibling { anchor } if !titles.contains(&anchor)) {
                continue;
            }
            let mode = match w.kind {
                WindowKind::Clause => Mode::Window { lead: 4, list: true, item: false },
                WindowKind::Address => Mode::Window { lead: 4, list: false, item: false },
                WindowKind::Bullet { listed } => Mode::Window { lead: 1, list: listed, item: true },
                WindowKind::Line => Mode::Window { lead: 1, list: false, item: false },
                WindowKind::Sibling { .. } => Mode::Window { lead: 1, list: true, item: true },
            };
            let mut reading = self.title.read(&text[w.range.clone()], w.range.start, mode);
            let labelled = || text[w.range.clone()].contains(':');
            if w.kind == (WindowKind::Bullet { listed: false })
                && reading.clean
                && !reading.jobs.is_empty()
                && !labelled()
            {
                // "* Backend, SRE": an item that is only a list of jobs names
                // the bare specialities beside its job noun too ("* Dev:
                // Ruby, Python" lists skills).
                let list = Mode::Window { lead: 1, list: true, item: true };
                let again = self.title.read(&text[w.range.clone()], w.range.start, list);
                if again.jobs.len() > reading.jobs.len() {
                    reading = again;
                }
            }
            let Reading { jobs: mut found, clean, .. } = reading;
            if w.kind == (WindowKind::Bullet { listed: false })
                && !found.is_empty()
                && (clean || self.clean_label(text, w, mode))
            {
                titles.push(w.line.start);
            }
            if matches!(w.kind, WindowKind::Sibling { .. }) {
                // "- Web Development: React, Node": a speciality alone, no
                // language or bare noun, in an item that reads as a title.
                found.retain(|j| j.kind == Kind::Specific && clean);
            }
            let (found, clean) = match (w.kind, clean) {
                (WindowKind::Line, false) => match self.title_before_a_dash(text, w.range.clone(), mode) {
                    Some(jobs) => (jobs, true),
                    None => (found, false),
                },
                _ => (found, clean),
            };
            if w.kind == WindowKind::Line && !clean {
                if w.range.start == w.line.start {
                    spoilt = Some(w.line.clone());
                }
                continue;
            }
            if found.is_empty() {
                continue;
            }
            let item = !matches!(w.kind, WindowKind::Clause | WindowKind::Address);
            if item {
                listed.push(w.line.clone());
            }
            // A lone "Manager" in a list ("QA Engineer/Manager") names no job.
            jobs.extend(found.into_iter().filter(|j| j.kind != Kind::BossOnly).map(|mut j| {
                j.from_body = true;
                j.context = item.then(|| w.line.clone());
                j
            }));
        }
    }

    /// The jobs of a line that does not read clean as a whole, when its
    /// part before a spaced dash does ("Senior Site Reliability Engineer -
    /// AWS, Azure, Kubernetes, Terraform - https://…": the dash ends the
    /// title, as a colon does); None when no such part names a job.
    fn title_before_a_dash(&self, text: &str, range: Range<usize>, mode: Mode) -> Option<Vec<Job>> {
        let line = &text[range.clone()];
        let dashes = [" - ", " \u{2013} ", " \u{2014} ", "- "];
        let mut cuts: Vec<usize> = dashes.iter().flat_map(|d| line.match_indices(d).map(|(n, _)| n)).collect();
        cuts.sort_unstable();
        cuts.dedup();
        cuts.into_iter().filter(|&n| n > 0).take(3).find_map(|n| {
            let part = range.start..range.start + n;
            let reading = self.title.read(&text[part.clone()], part.start, mode);
            (reading.clean && !reading.jobs.is_empty()).then_some(reading.jobs)
        })
    }

    /// Whether a labelled item's title, before its colon, reads clean
    /// ("SRE/DevOps: Kubernetes, on-prem deploys").
    fn clean_label(&self, text: &str, w: &Window, mode: Mode) -> bool {
        let label = text[w.range.clone()].find(':').map(|n| w.range.start..w.range.start + n);
        label.is_some_and(|r| self.title.read(&text[r.clone()], r.start, mode).clean)
    }
}

/// Whether a comment's jobs are one job named again: the first line's
/// "C++ hackers" and the body's "C++ engineers" (the same kind and sides,
/// no list item of its own), so the text describes it.
fn one_job(jobs: &[Job]) -> bool {
    let Some(first) = jobs.first() else { return false };
    jobs.iter().all(|j| {
        j.kind == first.kind && j.roles == first.roles && j.amb == first.amb && j.context.is_none() && !j.placeholder
    })
}

/// Whether a comment's engineering jobs are all generic with no
/// speciality (its managers, customer-facing and other jobs aside).
fn generic_alike(jobs: &[Job]) -> bool {
    let mut engineering =
        jobs.iter().filter(|j| !matches!(j.kind, Kind::Mgmt | Kind::Other | Kind::BossOnly | Kind::Customer));
    let first = engineering.next();
    first.is_some()
        && first.into_iter().chain(engineering).all(|j| j.kind == Kind::Generic && j.amb.is_none() && !j.mods.tech_lang)
}

/// Whether a job's role depends on the text.
fn needs_text(job: &Job) -> bool {
    match job.kind {
        Kind::Generic | Kind::Lang | Kind::Customer | Kind::Research => true,
        Kind::Mgmt => job.amb == Some(Amb::Platform),
        Kind::Specific | Kind::Other | Kind::BossOnly => false,
    }
}

/// Whether the job noun at `at` is a team someone leads: "team of",
/// "lead", "manage", "mentor" or "coach" shortly before it in its sentence.
fn led_team(text: &str, at: usize) -> bool {
    let mut from = at.saturating_sub(60);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = &text[from..at];
    let sentence = before.rfind(['.', '\n', ';', '!', '?']).map_or(before, |p| &before[p + 1..]);
    const VERBS: [&str; 9] =
        ["lead", "leading", "manage", "managing", "mentor", "mentoring", "coach", "coaching", "grow"];
    let words: Vec<&str> = sentence.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    words.iter().any(|w| VERBS.iter().any(|v| w.eq_ignore_ascii_case(v)))
        || words.windows(2).any(|p| p[0].eq_ignore_ascii_case("team") && p[1].eq_ignore_ascii_case("of"))
}

/// Drops jobs that only stand for others: placeholders ("roles") when a
/// job is named; unspecified nouns in the body's prose ("we're hiring
/// engineers") when technical jobs are named; a first-line category
/// ("Software Engineers", "Engineers (Kotlin/React)") when the body names
/// technical jobs (not one coordinated with them, "DevOps, Software and
/// QA engineers"); a first-line generic job a body list item restates,
/// or a first-line language one names inside a job of another kind.
fn keep_named_jobs(jobs: &mut Vec<Job>, text: &str) {
    if jobs.iter().any(|j| !j.placeholder) {
        jobs.retain(|j| !j.placeholder);
    }
    let unspecified = |j: &Job| j.kind == Kind::Generic && j.amb.is_none() && !j.mods.tech_lang;
    // A customer-facing or research job, or a manager of no named team,
    // names no speciality of the engineers beside it ("Researchers and
    // Engineers", "Engineering Managers and Senior Software Engineers").
    let technical = |j: &Job| match j.kind {
        Kind::Generic | Kind::Other | Kind::BossOnly | Kind::Customer | Kind::Research => false,
        Kind::Mgmt => !j.roles.is_empty(),
        _ => true,
    };
    // A list item "Dev: Ruby, Python" is a bare noun too.
    let bare = |j: &Job| unspecified(j) && !j.mods.neutral;
    if jobs.iter().any(technical) {
        jobs.retain(|j| !(j.from_body && unspecified(j) && !j.sibling && (j.context.is_none() || bare(j))));
    } else if jobs.iter().any(|j| j.kind == Kind::Mgmt) {
        // "… to lead a group of talented engineers", "lead a team of 5-6
        // software engineers": the manager's team.
        jobs.retain(|j| {
            !(j.from_body && unspecified(j) && !j.sibling && j.context.is_none())
                || !bare(j) && !led_team(text, j.range.start)
        });
    }
    // "Acme | Product Engineer" and "if you're an engineer who …": the
    // body's bare noun is the first line's generic job again.
    if jobs.iter().any(|j| !j.from_body && j.kind == Kind::Generic) {
        jobs.retain(|j| !(j.from_body && unspecified(j) && !j.sibling && j.context.is_none()));
    }
    if jobs.iter().any(|j| j.from_body && technical(j)) {
        let both_sides = |j: &Job| j.roles.contains(Role::Backend) && j.roles.contains(Role::Frontend);
        let category = |j: &Job| j.plural && (unspecified(j) || j.kind == Kind::Lang && both_sides(j));
        jobs.retain(|j| j.from_body || !category(j));
    }
    let same = |a: &Job, b: &Job| text[a.range.clone()].eq_ignore_ascii_case(&text[b.range.clone()]);
    // A first-line language a body list item's title (before its
    // description) names again with more ("F#/C#/Linux devs", then "- F#
    // and C# Xamarin Developer (…): …").
    let within = |a: &Job, b: &Job| {
        let Some(line) = &b.context else { return false };
        let item = &text[line.clone()];
        let cut = [":", "(", " - ", " \u{2013} ", " \u{2014} "].iter().filter_map(|m| item.find(m)).min();
        let title = &item[..cut.unwrap_or(item.len())];
        has_word(title, &text[a.range.clone()])
    };
    let restated: Vec<bool> = jobs
        .iter()
        .map(|j| {
            let listed = |b: &&Job| b.from_body && b.context.is_some();
            !j.from_body
                && (j.kind == Kind::Generic && jobs.iter().filter(listed).any(|b| same(j, b))
                    || j.kind == Kind::Lang
                        && j.sibling
                        && jobs.iter().filter(listed).any(|b| b.kind != Kind::Lang && within(j, b)))
        })
        .collect();
    let mut k = 0;
    jobs.retain(|_| {
        k += 1;
        !restated[k - 1]
    });
}

/// Whether `word` is in `s` (ASCII case aside) between non-alphanumeric
/// characters.
fn has_word(s: &str, word: &str) -> bool {
    let (s, w) = (s.as_bytes(), word.as_bytes());
    !w.is_empty()
        && (0..s.len().saturating_sub(w.len() - 1)).any(|i| {
            s[i..i + w.len()].eq_ignore_ascii_case(w)
                && (i == 0 || !s[i - 1].is_ascii_alphanumeric())
                && s.get(i + w.len()).is_none_or(|c| !c.is_ascii_alphanumeric())
        })
}

/// The roles of one job, with their evidence. `alone`: the posting's only
/// job (the text describes it, not its siblings).
fn resolve(job: &Job, facts: &Facts, src: Source, alone: bool, scan: &mut RoleScan) {
    let in_title = src == Source::Title && !job.from_body;
    let range = job.range.clone();
    let give = |scan: &mut RoleScan, r: Role, why: &'static str| scan.role(r, in_title, range.clone(), why);
    match job.kind {
        Kind::Specific => {
            let why = if job.from_body { "text: job list" } else { "title: job" };
            for r in job.roles.iter() {
                give(scan, r, why);
            }
        }
        Kind::Lang => lang_roles(job, facts, src, alone, scan),
        // "DevOps, Software and QA engineers": the text describes them all,
        // so the generic one among specific siblings stays generic.
        Kind::Generic if job.sibling && !alone => give(scan, Role::Software, "title: generic beside specific jobs"),
        Kind::Generic => generic_roles(job, facts, src, alone, scan),
        Kind::Customer => {
            if facts.code.is_some() {
                generic_roles(job, facts, src, false, scan);
            } else {
                give(scan, Role::Other, "title: customer-facing technical job");
            }
        }
        Kind::Research => {
            let ml = AREAS.iter().position(|r| *r == Role::Ml).map_or(0, |i| facts.score[i]);
            if ml >= 3 {
                text_role(scan, Role::Ml, facts, "text: ML research");
            } else {
                give(scan, Role::Other, "title: research outside ML");
            }
        }
        Kind::Mgmt => {
            give(scan, Role::Management, "title: leads engineers");
            for r in job.roles.iter() {
                give(scan, r, "title: the team's speciality");
            }
            if job.amb == Some(Amb::Platform)
                && let Some(r) = platform(facts)
            {
                text_role(scan, r, facts, "text: the platform team's work");
            }
        }
        Kind::Other | Kind::BossOnly => give(scan, Role::Other, "title: job outside software"),
    }
}

/// A language or framework title: its side, unless the text clearly says
/// the work is elsewhere ("Python developer" writing data pipelines).
fn lang_roles(job: &Job, facts: &Facts, src: Source, alone: bool, scan: &mut RoleScan) {
    let in_title = src == Source::Title && !job.from_body;
    let own = job.roles.iter().filter_map(|r| area_index(r).map(|i| facts.score[i])).max().unwrap_or(0);
    let mut elsewhere = [Role::Other; AREAS.len()];
    let mut k = 0;
    for r in AREAS.iter().filter(|r| !job.roles.contains(**r)) {
        elsewhere[k] = *r;
        k += 1;
    }
    let elsewhere = &elsewhere[..k];
    // "Java developer" for "full stack Java and React", "JavaScript
    // developer" on the MEAN stack: the text says both sides.
    let one_side = job.roles.contains(Role::Backend) != job.roles.contains(Role::Frontend);
    if alone && facts.fullstack.is_some() && one_side {
        text_role(scan, Role::Fullstack, facts, "text: a language of one side on a full stack");
        return;
    }
    // "JavaScript Developer" on a stated stack of React and Node: a
    // language of both runtimes, on both sides.
    if alone && one_side && job.mods.script && facts.stack[0] > 0 && facts.stack[1] > 0 {
        text_role(scan, Role::Fullstack, facts, "text: JavaScript on a stack of both sides");
        return;
    }
    if alone
        && let Some(best) = leading_area(facts, elsewhere, 1)
        && facts.score[area_index(best).unwrap_or(0)] >= 2 * own.max(1)
    {
        text_role(scan, best, facts, "text: the work is elsewhere than the title's language");
        return;
    }
    if job.roles.contains(Role::Backend) && job.roles.contains(Role::Frontend) {
        scan.role(Role::Fullstack, in_title, job.range.clone(), "title: languages of both sides");
        return;
    }
    for r in job.roles.iter() {
        scan.role(r, in_title, job.range.clone(), "title: language or framework");
    }
}

/// A generic title: what the text says the hire will do, else `software`.
/// `alone`: the posting's only job, which its stack line describes.
fn generic_roles(job: &Job, facts: &Facts, src: Source, alone: bool, scan: &mut RoleScan) {
    let in_title = src == Source::Title && !job.from_body;
    match job.amb {
        Some(Amb::Platform) => match platform(facts) {
            Some(r) => text_role(scan, r, facts, "text: the platform's work"),
            None => scan.role(Role::Software, in_title, job.range.clone(), "title: platform engineer, text unclear"),
        },
        _ => match stack_job(facts, alone) {
            Some((r, why)) => text_role(scan, r, facts, why),
            None => scan.role(Role::Software, in_title, job.range.clone(), "title: generic job, text unclear"),
        },
    }
}

/// What a generic job is from the text, its stack line ("Stack: Postgres,
/// React", "we're a Django and React shop") aside: the company's tools are
/// not the hire's work. The posting's only job (`alone`, or its one kind
/// of generic job) is the stack's: full stack when it names both sides
/// more than any third area, unless the rest of the text says another
/// area (data, ML).
fn stack_job(f: &Facts, alone: bool) -> Option<(Role, &'static str)> {
    if f.stack.iter().all(|&t| t == 0) {
        return speciality(f);
    }
    let mut outside = f.clone();
    for (s, t) in outside.score.iter_mut().zip(f.stack) {
        *s -= t;
    }
    // Both sides, and no third side of the product as much (apps or
    // devices: "React Native, React, Rails"); what the stack runs on (AWS)
    // or feeds (Airflow) is no side.
    let sides = f.stack[0].min(f.stack[1]);
    let third = AREAS.iter().zip(f.stack).filter(|(r, _)| matches!(r, Role::Mobile | Role::Embedded)).map(|(_, t)| t);
    let both = sides > 0 && third.max().unwrap_or(0) < sides;
    let side = |r: &(Role, &str)| matches!(r.0, Role::Backend | Role::Frontend | Role::Fullstack);
    match speciality(&outside) {
        Some(r) if !alone || !side(&r) => Some(r),
        _ if alone && both => Some((Role::Fullstack, "text: the only job, on a stack of both sides")),
        _ if alone => speciality(f),
        _ => None,
    }
}

/// Gives a role the text decided, with its first cue as evidence.
fn text_role(scan: &mut RoleScan, r: Role, facts: &Facts, why: &'static str) {
    let cue = match r {
        Role::Fullstack => facts.fullstack.or(facts.first[1]).or(facts.first[0]),
        r => area_index(r).and_then(|i| facts.first[i]),
    };
    let range = cue.map_or(0..0, |(s, e)| s as usize..e as usize);
    scan.role(r, false, range, why);
}

fn area_index(r: Role) -> Option<usize> {
    AREAS.iter().position(|a| *a == r)
}

/// The area the text points to most, among `among`, if it leads by more
/// than `ratio` times the next (for a generic title 2: a list of every
/// stack leads nowhere) and has a strong cue (not only two database names).
fn leading_area(f: &Facts, among: &[Role], ratio: u16) -> Option<Role> {
    let mut best: Option<usize> = None;
    let mut second = 0;
    for r in among {
        let Some(i) = area_index(*r) else { continue };
        match best {
            Some(b) if f.score[i] <= f.score[b] => second = second.max(f.score[i]),
            Some(b) => {
                second = second.max(f.score[b]);
                best = Some(i);
            }
            None => best = Some(i),
        }
    }
    let b = best?;
    (f.score[b] >= 2 && f.score[b] > ratio * second && f.strong[b]).then(|| AREAS[b])
}

/// What a generic job is from the text: both UI and services (and nothing
/// else as strong) → fullstack; one area leading → it; else None.
/// A statement of both sides ("full stack", "our frontend and backend")
/// pools their cues against a third area.
fn speciality(f: &Facts) -> Option<(Role, &'static str)> {
    let (be, fe) = (f.score[0], f.score[1]);
    let both = be.min(fe);
    let third = f.score[2..].iter().copied().max().unwrap_or(0);
    if be >= 2 && fe >= 2 && f.strong[0] && f.strong[1] && third < both {
        return Some((Role::Fullstack, "text: both UI and services"));
    }
    // "Be responsible for the full stack": the work named, with no other
    // area named, is enough.
    if f.fullstack.is_some() && (be > 0 || fe > 0 || f.fullstack_work) && third <= be + fe {
        return Some((Role::Fullstack, "text: full stack"));
    }
    let r = leading_area(f, &AREAS, 2)?;
    Some((r, why_area(r)))
}

/// A platform: infrastructure, product services, data or ML, from the text.
fn platform(f: &Facts) -> Option<Role> {
    leading_area(f, &[Role::Devops, Role::Backend, Role::Data, Role::Ml], 2)
}

fn why_area(r: Role) -> &'static str {
    match r {
        Role::Backend => "text: builds APIs and services",
        Role::Frontend => "text: builds user interfaces",
        Role::Mobile => "text: builds mobile apps",
        Role::Data => "text: builds data pipelines",
        Role::Ml => "text: machine learning work",
        Role::Devops => "text: runs infrastructure",
        Role::Security => "text: security work",
        Role::Embedded => "text: firmware and hardware-near work",
        Role::Qa => "text: testing work",
        Role::Software => "text: a speciality the table does not list",
        _ => "text",
    }
}

/// Where a first line offers internships beside its jobs ("…, REMOTE,
/// INTERNS", "| Interns possible"): the word, unless negated ("no
/// interns", "interns not available").
fn interns_offered(line: &str) -> Option<Range<usize>> {
    let lower = line.to_ascii_lowercase();
    let b = lower.as_bytes();
    let field = |i: usize, dir: i8| {
        let stop = |c: &u8| b"|,;()[]".contains(c);
        if dir < 0 {
            b[..i].iter().rposition(stop).map_or(0, |n| n + 1)..i
        } else {
            i..b[i..].iter().position(stop).map_or(b.len(), |n| i + n)
        }
    };
    let mut at = 0;
    while let Some(n) = lower[at..].find("intern") {
        let (s, mut e) = (at + n, at + n + 6);
        at = e;
        for tail in ["ships", "ship", "s"] {
            if lower[e..].starts_with(tail) {
                e += tail.len();
                break;
            }
        }
        let bounded =
            (s == 0 || !b[s - 1].is_ascii_alphanumeric()) && b.get(e).is_none_or(|c| !c.is_ascii_alphanumeric());
        let around = format!(" {} {} ", &lower[field(s, -1)], &lower[field(e, 1)]);
        let negated = [" no ", " not ", "n't", " without "].iter().any(|w| around.contains(w));
        if bounded && !negated {
            return Some(s..e);
        }
    }
    None
}

/// Whether a first line opens with the poster's own job ("I'm a full-stack
/// developer with 3 years…"): a candidate, unless the line or the body
/// speaks as a company ("I'm a founder at Acme and we're hiring").
fn introduces_self(line: &str) -> bool {
    let b = line.trim_start().as_bytes();
    let opens = ["i'm a ", "i am a ", "i\u{2019}m a ", "i'm an ", "i am an ", "i\u{2019}m an "]
        .iter()
        .any(|p| b.get(..p.len()).is_some_and(|s| s.eq_ignore_ascii_case(p.as_bytes())));
    opens && !speaks_as_company(line.to_lowercase().as_bytes())
}

/// Words of a lowercased line that show a company speaking ("I'm a
/// founder at Acme and we're hiring").
const COMPANY_VOICE: [&str; 6] = ["hiring", "we're", "we\u{2019}re", "we are", " our ", "join "];

fn speaks_as_company(lower: &[u8]) -> bool {
    COMPANY_VOICE.iter().any(|w| memchr::memmem::find(lower, w.as_bytes()).is_some())
}

/// Whether a first line is prose, not a header of fields: a sentence
/// with no field separator ("Acme | Backend Engineer | Remote").
fn is_prose(line: &str) -> bool {
    let sentence = line.contains(". ") || line.trim_end().ends_with('.');
    !has_fields(line) && sentence
}

/// Whether a first line is parted into fields ("Acme | Remote", "Acme -
/// Backend Engineer").
fn has_fields(line: &str) -> bool {
    ["|", " - ", " \u{2013} ", " \u{2014} ", " · ", "/ ", "; "].iter().any(|f| line.contains(f))
}

/// Words that only note an edit at the start of a first line.
const EDIT_WORDS: &[&str] = &["closed", "filled", "edit", "edited", "update", "updated", "expired", "removed"];

/// A first line with what names no job of its own blanked out, byte for
/// byte (so its offsets still hold): links ("Back End, Front End
/// https://acme.example/jobs" keeps its jobs), the poster's own title ("I
/// am the hiring manager (Director of Cloud)") and a job's prospects
/// ("Founding Engineer (path to CTO)").
fn blank_asides(line: &str) -> Cow<'_, str> {
    let lower = line.as_bytes().to_ascii_lowercase();
    let mut out: Option<Vec<u8>> = None;
    let mut i = 0;
    while i < lower.len() {
        let Some(end) = aside_at(&lower, i) else {
            i += 1;
            continue;
        };
        out.get_or_insert_with(|| line.as_bytes().to_vec())[i..end].fill(b' ');
        i = end.max(i + 1);
    }
    // Whole characters were replaced, so the bytes stay UTF-8.
    match out.map(String::from_utf8) {
        Some(Ok(s)) => Cow::Owned(s),
        _ => Cow::Borrowed(line),
    }
}

/// The end of an aside starting at `i` of a lowercased line, if one does.
fn aside_at(b: &[u8], i: usize) -> Option<usize> {
    if i > 0 && b[i - 1].is_ascii_alphanumeric() {
        return None;
    }
    let rest = &b[i..];
    let until = |stops: &[u8]| b[i..].iter().position(|c| stops.contains(c)).map_or(b.len(), |n| i + n);
    if ["http://", "https://", "www."].iter().any(|p| rest.starts_with(p.as_bytes())) {
        return Some(until(b" \t|)]"));
    }
    const POSTER: [&str; 5] = ["i am the ", "i'm the ", "i\u{2019}m the ", "my title is ", "path to "];
    if POSTER.iter().any(|p| rest.starts_with(p.as_bytes())) {
        return Some(until(b".;|!?,)"));
    }
    // "I am an EM at Acme, hiring for …": the poster's job, up to where
    // the company comes in; a candidate's "I'm a …" is left to be read.
    const SELF: [&str; 6] = ["i am a ", "i am an ", "i'm a ", "i'm an ", "i\u{2019}m a ", "i\u{2019}m an "];
    const THEN: [&str; 9] = [" at ", " @ ", " with ", " for ", " hiring", " in ", " on ", " and ", " here"];
    if !SELF.iter().any(|p| rest.starts_with(p.as_bytes())) || !speaks_as_company(b) {
        return None;
    }
    let word = THEN.iter().filter_map(|w| memchr::memmem::find(rest, w.as_bytes())).min().map_or(b.len(), |n| i + n);
    Some(until(b".;|!?,)").min(word))
}

/// Drops the hits of the poster's own title in the body from `from` ("I'm
/// the CTO.", "I'm the Founder and CEO - email me"), as the first line's
/// is blanked: it names who speaks, not a job offered. The title ends
/// where the sentence does, or at a word that leads out of it ("I'm the
/// Director of Engineering for the front-end team", "I'm the CTO and we
/// are hiring …"); "and" goes on only to another title of the poster's.
fn drop_poster_titles(text: &str, from: usize, hits: &mut Vec<Hit>) {
    let b = text.as_bytes();
    let mut asides: Vec<Range<usize>> = Vec::new();
    let mut at = from.min(b.len());
    while let Some(n) = memchr::memmem::find(&b[at..], b"m the ") {
        let m = at + n;
        at = m + 6;
        let opens = [&b"I'"[..], "I\u{2019}".as_bytes(), b"I a"].iter().any(|p| {
            m >= p.len()
                && b[m - p.len()..m].eq_ignore_ascii_case(p)
                && (m == p.len() || !b[m - p.len() - 1].is_ascii_alphanumeric())
        });
        if opens {
            asides.push(m..poster_title_end(b, at));
        }
    }
    if !asides.is_empty() {
        hits.retain(|h| !asides.iter().any(|r| r.contains(&(h.start as usize))));
    }
}

/// Where the poster's title that starts at `from` ends (see
/// [`drop_poster_titles`]).
fn poster_title_end(b: &[u8], from: usize) -> usize {
    const OUT: [&[u8]; 10] =
        [b" at ", b" @ ", b" with ", b" for ", b" in ", b" on ", b" here", b" of our ", b" and ", b" & "];
    const TITLES: [&[u8]; 12] = [
        b"ceo",
        b"cto",
        b"coo",
        b"cpo",
        b"founder",
        b"co-founder",
        b"cofounder",
        b"head",
        b"vp",
        b"director",
        b"chief",
        b"president",
    ];
    let stop = b[from..].iter().position(|c| b".;|!?,)\n".contains(c)).map_or(b.len(), |n| from + n);
    let starts = |i: usize, w: &[u8]| b[i..stop].len() >= w.len() && b[i..i + w.len()].eq_ignore_ascii_case(w);
    let mut i = from;
    while i < stop {
        let Some(w) = OUT.iter().find(|w| starts(i, w)) else {
            i += 1;
            continue;
        };
        let next = i + w.len();
        let another_title = matches!(*w, b" and " | b" & ")
            && TITLES
                .iter()
                .any(|t| starts(next, t) && !b.get(next + t.len()).is_some_and(|c| c.is_ascii_alphanumeric()));
        if !another_title {
            return i;
        }
        i = next;
    }
    stop
}

/// The part of a comment read as its title line: the first non-empty
/// line with any edit note ("[CLOSED]", "EDIT: filled —") skipped; a line
/// that is only a note ("CLOSED - thanks!") gives way to the next one.
fn first_line(text: &str) -> Range<usize> {
    let mut at = 0;
    let mut fallback = None;
    for _ in 0..3 {
        let Some(line) = next_line(text, at) else { break };
        let (rest, noted) = skip_edit_note(text, line.clone());
        fallback.get_or_insert(rest.clone());
        let s = &text[rest.clone()];
        let fields = s.contains('|') || s.contains(" - ") || s.contains(" · ") || s.contains(" – ");
        if !noted || fields {
            return rest;
        }
        at = line.end;
    }
    fallback.unwrap_or(0..0)
}

/// The next non-empty line from `at`, trimmed.
fn next_line(text: &str, mut at: usize) -> Option<Range<usize>> {
    while at < text.len() {
        let end = text[at..].find('\n').map_or(text.len(), |n| at + n);
        let line = &text[at..end];
        let lead = line.len() - line.trim_start().len();
        let trail = line.len() - line.trim_end().len();
        if line.trim().is_empty() {
            at = end + 1;
            continue;
        }
        return Some(at + lead..end - trail);
    }
    None
}

/// Skips edit-note words and the punctuation around them at the start.
fn skip_edit_note(text: &str, line: Range<usize>) -> (Range<usize>, bool) {
    let mut i = line.start;
    let mut noted = false;
    loop {
        let rest = &text[i..line.end];
        let skipped =
            rest.len() - rest.trim_start_matches(|c: char| c.is_whitespace() || "[](){}:-–—|,.!*#".contains(c)).len();
        let after = &rest[skipped..];
        let word_len = after.find(|c: char| !c.is_alphanumeric()).unwrap_or(after.len());
        let word = &after[..word_len];
        if !word.is_empty() && EDIT_WORDS.iter().any(|w| w.eq_ignore_ascii_case(word)) {
            noted = true;
            i += skipped + word_len;
            continue;
        }
        if noted {
            i += skipped;
        }
        return (i..line.end, noted);
    }
}

#[cfg(test)]
mod tests {
    use super::blank_asides;

    #[test]
    fn links_are_blanked_byte_for_byte() {
        let line = "Acme (https://acme.example/é) | Back End https://acme.example/jobs|Remote";
        let blanked = blank_asides(line);
        assert_eq!(blanked.len(), line.len());
        assert!(!blanked.contains("http") && blanked.contains("Back End") && blanked.ends_with("|Remote"));
        assert!(blanked.contains(") |"));
        assert_eq!(blank_asides("Acme | Backend"), "Acme | Backend");
        let own = blank_asides("Acme | Backend Engineer | I am the hiring manager (Director of Data). Remote");
        assert!(!own.contains("Director") && own.contains("Backend Engineer") && own.ends_with(". Remote"));
        let path = blank_asides("Acme | Founding Engineer (part-time, path to CTO) | SF");
        assert!(!path.contains("CTO") && path.contains("Founding Engineer (part-time,"));
    }
}
