//! Skill extraction: text in, mentions out. Pure: no I/O, no SQL, no HTTP.
//!
//! The pipeline is [`text::html_to_text`] → [`text::normalize`] →
//! [`mask`] (URLs, e-mails, domains) → [`tokenize`] → one Aho-Corasick pass
//! ([`matcher`]) → case rules, vetoes and context rules for ambiguous forms.

mod anchored;
pub mod dedupe;
pub mod eval;
pub mod facts;
mod first_words;
pub mod mask;
pub mod matcher;
pub mod naive;
pub mod pay;
pub mod roles;
pub mod taxonomy;
pub mod text;
pub mod tokenize;

pub use matcher::{Extraction, Extractor, Mention, Rejection, SkillCount};
pub use taxonomy::{Category, Skill, Taxonomy};

/// A skill a posting names, as stored in `posting_skills`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkillHit {
    pub skill_id: String,
    /// Times named, in the title and the description.
    pub mentions: u32,
    /// Byte offset of the first mention in the description (None: named
    /// in the title only).
    pub first_offset: Option<usize>,
}

impl Extractor {
    /// The skills a posting names in its title and its description, sorted
    /// by id. Offsets refer to the description, which must be normalised
    /// (as every source leaves it).
    pub fn posting_skills(&self, title: Option<&str>, description: &str) -> Vec<SkillHit> {
        let mut hits: std::collections::BTreeMap<&str, SkillHit> = std::collections::BTreeMap::new();
        for c in self.extract_prenormalized(description).counts() {
            let id = self.taxonomy().skills[c.skill].id.as_str();
            hits.insert(
                id,
                SkillHit { skill_id: id.to_string(), mentions: c.mentions, first_offset: Some(c.first_offset) },
            );
        }
        if let Some(title) = title {
            for c in self.extract(title).counts() {
                let id = self.taxonomy().skills[c.skill].id.as_str();
                hits.entry(id).and_modify(|h| h.mentions += c.mentions).or_insert(SkillHit {
                    skill_id: id.to_string(),
                    mentions: c.mentions,
                    first_offset: None,
                });
            }
        }
        hits.into_values().collect()
    }
}

/// Bumped whenever a rule change can change what the extractor finds, so
/// that a database records which extractor produced its rows.
pub const EXTRACTOR_VERSION: u32 = 1;

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    /// The contract's hard cases (the extraction contract, ../shared/docs/extraction.md in the development workspace), each with the exact
    /// set of direct mentions expected.
    const HARD_CASES: &[(&str, &str)] = &[
        ("We use Go, Python and PostgreSQL.", "go,postgresql,python"),
        ("Let's go the extra mile. Go beyond! Our go-to-market team. Go-getters welcome.", ""),
        ("Go to our careers page to see all openings.", ""),
        ("Experience in Go.", "go"),
        ("Golang developer wanted", "go"),
        ("Go developers: build services in Go and Rust", "go,rust"),
        ("Services are Go-based.", "go"),
        ("R&D team in Berlin. The R train stops outside. Mr R Smith.", ""),
        ("Python, R and SQL", "python,r,sql"),
        ("Statistical modelling in R.", "r"),
        ("C/C++ and C# on .NET", "c,cpp,csharp,dotnet"),
        ("ASP.NET Core and VB.NET", "aspnet,vbnet"),
        ("Objective-C and Swift for iOS", "objc,swift"),
        ("Series C funded; reporting to C-level executives; USB Type-C", ""),
        ("JavaScript and TypeScript", "javascript,typescript"),
        ("Java/JavaScript", "java,javascript"),
        ("Java 8+, Python3.11, PHP8.2, C++17", "cpp,java,php,python"),
        ("NoSQL, MySQL, PostgreSQL", "mysql,nosql,postgresql"),
        ("T-SQL, PL/SQL, SQL Server", "mssql,plsql,sql,tsql"),
        ("Spark SQL pipelines", "spark,sql"),
        ("Strong SQL skills", "sql"),
        ("Node.js, NodeJS and node js", "nodejs"),
        ("Node pools are managed by IT.", ""),
        ("React, Redux; we react quickly", "react"),
        ("SWIFT payments and SWIFT MT messages; Taylor Swift; Swift turnaround", ""),
        ("Swift/SwiftUI for iOS", "swift,swiftui"),
        ("Rust Belt roots; rust-proof coatings", ""),
        ("Rust and C++", "cpp,rust"),
        ("La Scala in Milan", ""),
        ("Scala/Spark", "scala,spark"),
        ("Contact Julia at jobs@example.com", ""),
        ("Julia, Python and R", "julia,python,r"),
        ("Apply: https://careers.example.com/apply.php?lang=golang or golang-jobs.example.io", ""),
        ("Email python.jobs@example.org", ""),
        ("🐍 Python ✅ Java • PHP | SQL", "java,php,python,sql"),
        ("Python's ecosystem; Java’s tooling", "java,python"),
        ("Dart board in the lounge.", ""),
        ("Flutter/Dart", "dart,flutter"),
        ("Spring 2026 internship.", ""),
        ("Spring Boot and Spring", "spring,spring_boot"),
        ("Good knowledge of Kotlin and/or Swift", "kotlin,swift"),
        ("Requirements:\n- Docker\n- Go\n- PostgreSQL", "docker,go,postgresql"),
        ("Benefits:\n- Go karting trips", ""),
        ("Ｐｙｔｈｏｎ (full-width) and Objective‑C (non-breaking hyphen)", "objc,python"),
    ];

    #[test]
    fn every_hard_case_of_the_contract() {
        let ex = Extractor::new(Arc::new(Taxonomy::builtin())).unwrap();
        let mut failures = Vec::new();
        for (text, want) in HARD_CASES {
            let got = ex.skill_ids(text).join(",");
            if got != *want {
                failures.push(format!("{text:?}: want [{want}] got [{got}]"));
            }
        }
        assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
    }

    /// The grain of taxonomy.md: narrowed ids, vendor words, `also`, and
    /// families as roll-ups (direct ids, then implied ids).
    const GRAIN_CASES: &[(&str, &str, &str)] = &[
        ("We run on EKS and GKE; reports in Azure SQL.", "aws,azure,gcp,kubernetes,mssql,sql", ""),
        ("AWS Redshift and Azure Cosmos DB", "aws,azure,cosmosdb,redshift", "nosql,sql"),
        ("React Native, Next.js and Spring Boot", "nextjs,react_native,spring_boot", "java,javascript,react,spring"),
        (
            "TensorFlow, Keras, scikit-learn and PyTorch",
            "keras,pytorch,scikit_learn,tensorflow",
            "machine_learning,python",
        ),
        ("Datadog, New Relic, Splunk, Sentry and Grafana", "datadog,grafana,new_relic,sentry,splunk", "observability"),
        ("Dagster or Prefect instead of Airflow", "airflow,dagster,prefect", ""),
        ("Tailwind CSS, Sass and HTML5", "html,sass,tailwind", "html_css"),
        ("Helm charts on OpenShift; HashiCorp Vault", "helm,openshift,vault", ""),
        ("Linux system administration on Ubuntu", "linux,server_administration", ""),
        ("OAuth2 and SAML SSO", "auth,oauth,saml", ""),
        ("Jenkins, GitHub Actions and GitLab CI", "github_actions,gitlab_ci,jenkins", "ci_cd,github,gitlab"),
        ("take the helm of our Vault team; a sentry at the gate", "", ""),
        ("Amazon and Google are customers; Microsoft too.", "", ""),
        // A key cut short ("Microsoft SQL" of "Microsoft SQL Server") is
        // no key, not even one it ends with.
        ("Nice to have: Python, Microsoft SQL, AWS", "aws,python,sql", ""),
    ];

    #[test]
    fn the_grain_of_the_taxonomy() {
        let ex = Extractor::new(Arc::new(Taxonomy::builtin())).unwrap();
        for (text, want, implied) in GRAIN_CASES {
            let got = ex.skill_ids(text);
            assert_eq!(got.join(","), *want, "{text}");
            assert_eq!(ex.taxonomy().implied_closure(got.iter().copied()).join(","), *implied, "{text}");
        }
    }

    #[test]
    fn offsets_point_at_the_mention() {
        let ex = Extractor::new(Arc::new(Taxonomy::builtin())).unwrap();
        let e = ex.extract("We need SQL Server and Python3 devs");
        let found: Vec<(&str, &str)> =
            e.mentions.iter().map(|m| (ex.taxonomy().skills[m.skill].id.as_str(), &e.text[m.start..m.end])).collect();
        assert_eq!(found, [("mssql", "SQL Server"), ("sql", "SQL Server"), ("python", "Python3")]);
    }

    #[test]
    fn rejections_say_why() {
        let ex = Extractor::new(Arc::new(Taxonomy::builtin())).unwrap();
        let e = ex.extract("Series C funded. Let's Go to the moon.");
        assert!(e.mentions.is_empty());
        let reasons: Vec<&str> = e.rejected.iter().map(|r| r.reason.as_str()).collect();
        assert!(reasons.iter().any(|r| r.contains("series")), "{reasons:?}");
        assert!(reasons.iter().any(|r| r.contains("to")), "{reasons:?}");
    }
}
