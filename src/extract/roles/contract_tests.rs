//! Every example of `../shared/docs/roles.md` ("Roles" and "Seniority"), as
//! tables: a title with its text (or an HN comment), the roles and the
//! levels the contract gives it.

use super::{Level, Role, RoleClassifier};

/// `(title, text, roles, levels)`; a `None` title is an HN comment.
type Case = (Option<&'static str>, &'static str, &'static [&'static str], &'static [&'static str]);

fn check(cases: &[Case]) {
    let classifier = RoleClassifier::new();
    let mut failures = Vec::new();
    for (title, text, roles, levels) in cases {
        let scan = classifier.classify(*title, text);
        let got_roles: Vec<&str> = scan.roles.iter().map(|r| r.as_str()).collect();
        let got_levels: Vec<&str> = scan.levels.iter().map(|l| l.as_str()).collect();
        let mut want_roles: Vec<Role> = roles.iter().map(|r| r.parse().expect("a contract role id")).collect();
        let mut want_levels: Vec<Level> = levels.iter().map(|l| l.parse().expect("a contract level id")).collect();
        want_roles.sort();
        want_levels.sort();
        let want_roles: Vec<&str> = want_roles.iter().map(|r| r.as_str()).collect();
        let want_levels: Vec<&str> = want_levels.iter().map(|l| l.as_str()).collect();
        if got_roles != want_roles || got_levels != want_levels {
            failures.push(format!(
                "{title:?} / {text:?}: want {want_roles:?} {want_levels:?}, got {got_roles:?} {got_levels:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

const GENERIC: &str = "You will join a friendly team and help us grow. Great benefits.";

#[test]
fn the_role_table_examples() {
    check(&[
        (Some("Backend Engineer"), GENERIC, &["backend"], &[]),
        (Some("Senior Software Engineer, Payments API"), GENERIC, &["backend"], &["senior"]),
        (Some("Go developer (microservices)"), GENERIC, &["backend"], &[]),
        (Some("Rails developer"), GENERIC, &["backend"], &[]),
        (Some("Full-Stack Engineer"), GENERIC, &["fullstack"], &[]),
        (Some("Software Engineer (React + Django)"), GENERIC, &["fullstack"], &[]),
        (Some("Frontend Engineer"), GENERIC, &["frontend"], &[]),
        (Some("UI Engineer (React)"), GENERIC, &["frontend"], &[]),
        (Some("iOS Engineer"), GENERIC, &["mobile"], &[]),
        (Some("Data Engineer"), GENERIC, &["data"], &[]),
        (Some("Analytics Engineer"), GENERIC, &["data"], &[]),
        (Some("ML Engineer"), GENERIC, &["ml"], &[]),
        (Some("Data Scientist"), GENERIC, &["ml"], &[]),
        (Some("Research Engineer (LLMs)"), GENERIC, &["ml"], &[]),
        (Some("SRE"), GENERIC, &["devops"], &[]),
        (Some("Platform Engineer (Kubernetes)"), GENERIC, &["devops"], &[]),
        (Some("DevOps Engineer"), GENERIC, &["devops"], &[]),
        (Some("Security Engineer"), GENERIC, &["security"], &[]),
        (Some("AppSec Engineer"), GENERIC, &["security"], &[]),
        (Some("Firmware Engineer"), GENERIC, &["embedded"], &[]),
        (Some("Embedded C++ Developer"), GENERIC, &["embedded"], &[]),
        (Some("QA Automation Engineer"), GENERIC, &["qa"], &[]),
        (Some("Software Engineer"), GENERIC, &["software"], &[]),
        (Some("Engineers (all levels)"), GENERIC, &["software"], &[]),
        (Some("Engineering Manager, Backend"), GENERIC, &["management", "backend"], &["manager"]),
        (Some("Account Executive"), GENERIC, &["other"], &[]),
        (Some("Product Designer"), GENERIC, &["other"], &[]),
        (Some("Accountant"), GENERIC, &["other"], &[]),
    ]);
}

#[test]
fn the_role_rules() {
    check(&[
        // A specific title wins over generic text.
        (Some("Backend Engineer"), "Our web app is written in React and TypeScript.", &["backend"], &[]),
        // A generic title takes its speciality from the work.
        (Some("Software Engineer"), "You will build APIs, services and databases in Go.", &["backend"], &[]),
        (Some("Developer"), "You will build REST APIs and microservices on PostgreSQL.", &["backend"], &[]),
        (
            Some("Software Engineer"),
            "You will build our React front end and the Django services behind it.",
            &["fullstack"],
            &[],
        ),
        (Some("Engineer"), GENERIC, &["software"], &[]),
        // A stack title maps by where the stack runs.
        (Some("Python Developer"), GENERIC, &["backend"], &[]),
        (Some("Django Developer"), GENERIC, &["backend"], &[]),
        (Some("Java Developer"), GENERIC, &["backend"], &[]),
        (Some("PHP Developer"), GENERIC, &["backend"], &[]),
        (Some("Node.js Developer"), GENERIC, &["backend"], &[]),
        (Some(".NET Developer"), GENERIC, &["backend"], &[]),
        (Some("React Developer"), GENERIC, &["frontend"], &[]),
        (Some("Angular Developer"), GENERIC, &["frontend"], &[]),
        (Some("Vue Developer"), GENERIC, &["frontend"], &[]),
        // The product does not make a job technical.
        (Some("Account Executive"), "We build developer tools for backend engineers.", &["other"], &[]),
    ]);
}

#[test]
fn jobs_the_table_does_not_name() {
    check(&[
        (Some("Compiler Engineer"), GENERIC, &["software"], &[]),
        (Some("Toolchain Engineer"), GENERIC, &["software"], &[]),
        (Some("Developer Tools Engineer"), GENERIC, &["software"], &[]),
        (Some("Desktop Application Developer"), GENERIC, &["software"], &[]),
        (Some("Game Developer"), GENERIC, &["software"], &[]),
        (Some("Graphics Engineer"), GENERIC, &["software"], &[]),
        (Some("Forward Deployed Engineer"), GENERIC, &["software"], &[]),
        (Some("Web Developer"), GENERIC, &["fullstack"], &[]),
        (Some("Support Engineer"), GENERIC, &["other"], &[]),
        (Some("Solutions Architect"), GENERIC, &["other"], &[]),
        (Some("Sales Engineer"), GENERIC, &["other"], &[]),
        (Some("Developer Advocate"), GENERIC, &["other"], &[]),
        (Some("Blockchain Engineer"), GENERIC, &["software"], &[]),
        (Some("Game Engine Programmer"), GENERIC, &["software"], &[]),
        (Some("Salesforce Developer"), GENERIC, &["software"], &[]),
        (Some("Platform Engineer"), "", &["software"], &[]),
        (Some("Product Engineer"), "", &["software"], &[]),
        (Some("Data Scientist"), "You will analyse product metrics and build dashboards.", &["ml"], &[]),
        (Some("Data Analyst"), GENERIC, &["data"], &[]),
        (Some("BI Analyst"), GENERIC, &["data"], &[]),
        (Some("Business Analyst"), GENERIC, &["data"], &[]),
    ]);
}

#[test]
fn hn_comments() {
    check(&[
        (
            None,
            "Tessellate | Hiring: Backend (Go), Frontend (React), SRE | Remote (EU)\n\nWe make floor plans.",
            &["backend", "frontend", "devops"],
            &[],
        ),
        (
            None,
            "Hiring: Backend (Go), Frontend (React), SRE\n\nWe make floor plans.",
            &["backend", "frontend", "devops"],
            &[],
        ),
        // The same list after any hiring cue, with no company field first.
        (None, "Now hiring: Rails developer, iOS Engineer, QA\n\nRemote.", &["backend", "mobile", "qa"], &[]),
        (None, "We're hiring - Data Engineer - Berlin\n\nWe make floor plans.", &["data"], &[]),
        (None, "Acme | Remote\n\nWe're hiring engineers, see our page.", &["software"], &[]),
        (
            None,
            "SEEKING WORK | Backend developer, Go and Rust | Remote\n\nI am looking for a new role. Email me.",
            &[],
            &[],
        ),
        (None, "CLOSED | Acme | Senior Backend Engineer | Remote\n\nWe build APIs.", &["backend"], &["senior"]),
    ]);
}

#[test]
fn the_seniority_levels() {
    let b: &[&str] = &["backend"];
    check(&[
        (Some("Backend Engineering Intern"), GENERIC, b, &["intern"]),
        (Some("Junior Backend Engineer"), GENERIC, b, &["junior"]),
        (Some("Entry-Level Backend Engineer"), GENERIC, b, &["junior"]),
        (Some("Graduate Backend Engineer"), GENERIC, b, &["junior"]),
        (Some("Associate Backend Engineer"), GENERIC, b, &["junior"]),
        (Some("Backend Engineer I"), GENERIC, b, &["junior"]),
        (Some("Mid-Level Backend Engineer"), GENERIC, b, &["mid"]),
        (Some("Backend Engineer II"), GENERIC, b, &["mid"]),
        (Some("Senior Backend Engineer"), GENERIC, b, &["senior"]),
        (Some("Sr. Backend Engineer"), GENERIC, b, &["senior"]),
        (Some("Backend Engineer III"), GENERIC, b, &["senior"]),
        (Some("Staff Backend Engineer"), GENERIC, b, &["staff"]),
        (Some("Principal Backend Engineer"), GENERIC, b, &["staff"]),
        (Some("Distinguished Backend Engineer"), GENERIC, b, &["staff"]),
        (Some("Backend Architect"), GENERIC, b, &["staff"]),
        (Some("Backend Engineer IV"), GENERIC, b, &["staff"]),
        (Some("Lead Backend Engineer"), GENERIC, b, &["lead"]),
        (Some("Tech Lead, Backend"), GENERIC, b, &["lead"]),
        (Some("Engineering Manager, Backend"), GENERIC, &["management", "backend"], &["manager"]),
        (Some("Head of Engineering"), GENERIC, &["management"], &["manager"]),
        (Some("Director of Engineering"), GENERIC, &["management"], &["manager"]),
        (Some("VP of Engineering"), GENERIC, &["management"], &["manager"]),
        (Some("CTO"), GENERIC, &["management"], &["manager"]),
    ]);
}

#[test]
fn the_seniority_rules() {
    check(&[
        // Never guessed from years of experience.
        (Some("Backend Engineer"), "You have 8+ years of experience building APIs.", &["backend"], &[]),
        // Product, account and marketing managers are job families with no level.
        (Some("Product Manager"), GENERIC, &["other"], &[]),
        (Some("Account Manager"), GENERIC, &["other"], &[]),
        (Some("Marketing Manager"), GENERIC, &["other"], &[]),
        // "Architect" is staff only in software titles.
        (Some("Software Architect"), GENERIC, &["software"], &["staff"]),
        (Some("Solutions Architect"), GENERIC, &["other"], &[]),
        (Some("Sales Architect"), GENERIC, &["other"], &[]),
        // Roman numerals only as the whole level; "Associate" only as a prefix.
        (Some("Senior Backend Engineer I"), GENERIC, &["backend"], &["senior"]),
        (Some("Associate Backend Engineer"), GENERIC, &["backend"], &["junior"]),
        // An HN first line only, the edit note skipped, even with titles further down.
        (
            None,
            "EDIT: CLOSED | Acme | Backend Engineer | Remote\n\nAlso hiring a Senior SRE and a Staff Data Engineer.",
            &["backend", "devops", "data"],
            &[],
        ),
    ]);
}

/// A first line that offers internships beside its jobs names the level
/// `intern`; a negated or unrelated word does not.
#[test]
fn interns_on_the_first_line_are_a_level() {
    check(&[
        (None, "Acme | Backend Engineer | Berlin | INTERNS\n\nGo services.", &["backend"], &["intern"]),
        (None, "Acme, Backend Engineer, Berlin, REMOTE, VISA, INTERNS\n\nGo services.", &["backend"], &["intern"]),
        (None, "Acme | Backend Engineers | Berlin | Interns possible\n\nGo services.", &["backend"], &["intern"]),
        (None, "Acme | Backend Engineer | Berlin | no interns\n\nGo services.", &["backend"], &[]),
        (None, "Internly | Backend Engineer | Berlin\n\nGo services.", &["backend"], &[]),
        (None, "Acme | Backend Engineer | Berlin\n\nInterns welcome too.", &["backend"], &[]),
    ]);
}

/// An HN comment whose first line names no job: the body's sentences
/// about the work decide, the company's description of itself does not.
#[test]
fn a_comment_naming_no_job_takes_the_bodys_work() {
    check(&[
        (
            None,
            "Acme - Denver - ONSITE\n\nWe need a server-side minded person to build our REST API.",
            &["backend"],
            &[],
        ),
        (None, "Acme - Denver\n\nYou'll work on the distributed system that runs our queue.", &["backend"], &[]),
        (
            None,
            "Acme - Denver\n\nAcme makes an API gateway for hospitals.\n\nJobs: acme.example/jobs",
            &["software"],
            &[],
        ),
        (None, "Acme - Denver\n\nOur stack: Django, PostgreSQL, React.", &["software"], &[]),
        (None, "Acme - Denver\n\nYou'll do a combination of frontend and backend work.", &["fullstack"], &[]),
    ]);
}

/// A front-end language title takes the full stack only when the text
/// says both sides (the MEAN stack, "full stack").
#[test]
fn a_front_end_language_on_a_full_stack_is_fullstack() {
    check(&[
        (
            None,
            "Acme | JavaScript Developer | NYC\n\nOur app runs on the MEAN stack: MongoDB, Express, Angular, Node.",
            &["fullstack"],
            &[],
        ),
        (Some("JavaScript Developer"), "You will work across the full stack, Node.js and React.", &["fullstack"], &[]),
        (None, "Acme | JavaScript Developer | NYC\n\nYou'll build our Angular dashboards.", &["frontend"], &[]),
        (Some("React Developer"), "You will build our component library.", &["frontend"], &[]),
    ]);
}

/// One word inside a title does not override its job: "Software Design
/// Engineer" is a software job, a Salesforce "Commerce Cloud" developer
/// builds on Salesforce (software), a biomechanical engineer is outside
/// software; the words alone keep their meaning.
#[test]
fn a_word_inside_a_title_does_not_override_its_job() {
    check(&[
        (Some("Senior Software Design Engineer"), GENERIC, &["software"], &["senior"]),
        (Some("Design Engineer"), GENERIC, &["other"], &[]),
        (Some("Salesforce Commerce Cloud Developer"), GENERIC, &["software"], &[]),
        (Some("Cloud Developer"), GENERIC, &["devops"], &[]),
        (Some("Biomechanical Engineer"), GENERIC, &["other"], &[]),
        (Some("Mechanical Engineer Intern"), GENERIC, &["other"], &["intern"]),
    ]);
}

/// Lists in comment bodies as HN writes them: a link after each title
/// (its colon is not a "Title: details" colon), one title a paragraph
/// after an intro colon (the list ends at the first sentence), and a
/// plain paragraph after a title list is not read as one.
#[test]
fn body_lists_with_links_and_one_title_a_paragraph() {
    check(&[
        (
            None,
            "Corvid Maps | Engineers | Oslo\n\nKotlin / Go backend engineer https://corvid.example/jobs/11\n\nSite Reliability Engineer https://corvid.example/jobs/12",
            &["backend", "devops"],
            &[],
        ),
        (
            None,
            "Lumen Tax | Developers | Pune\n\nWe are hiring developers for these openings:\n\nFront-End (Angular)\n\nBack-End (Java - Spring)\n\nOur office is near the station. We serve ten thousand accountants.",
            &["backend", "frontend"],
            &[],
        ),
        (
            None,
            "Gridwise | SF\n\n>> Infrastructure Engineers << Run our GPU fleet across clouds.\n\n>> Solutions Engineers << Help customers.\n\n» We are remote-friendly.",
            &["devops", "other"],
            &[],
        ),
        (
            None,
            "Lumen Tax | Frontend Developer | Pune\n\nWe are hiring for this opening:\n\nFrontend Developer (Angular)\n\nOur backend team of six keeps the APIs in Go. Python, Go, Kafka",
            &["frontend"],
            &[],
        ),
    ]);
}

/// A generic noun that a parenthesised job qualifies is that job; a
/// parenthesised speciality still qualifies it; "(s)" marks a plural.
#[test]
fn a_parenthesised_job_qualifies_a_generic_noun() {
    check(&[
        (None, "Certly | Software Engineer (SRE) | Remote\n\nWe run a public API for certificates.", &["devops"], &[]),
        (Some("Software Engineer (Security)"), "We offer an API.", &["security"], &[]),
        (Some("Software Engineer"), "You will build and own our public REST API and its services.", &["backend"], &[]),
        (
            None,
            "Ledgerly | Vancouver | Full-Time\n\nWe're hiring:\n\nIntermediate to Senior Software Engineer(s) [PHP & React]",
            &["fullstack"],
            &[],
        ),
    ]);
}

/// A first-line field of languages beside a field that names a job is the
/// stack; with no job named elsewhere the languages are the openings.
#[test]
fn a_stack_field_beside_a_job_is_no_job() {
    check(&[
        (
            None,
            "Wirehouse | London | Elixir & AWS | Senior Software Engineers\n\nWe are a news site.",
            &["software"],
            &["senior"],
        ),
        (None, "Wirehouse | London | Rails, React Native | Remote", &["backend", "mobile"], &[]),
        (
            None,
            "Wirehouse is hiring Rails, Go, iOS, and devops engineers in London.",
            &["backend", "devops", "mobile"],
            &[],
        ),
        (None, "Wirehouse - Senior Engineers - Elixir - London", &["software"], &["senior"]),
    ]);
}

/// Pipes inside brackets list the kinds of one noun; desktop platforms'
/// developers build desktop apps.
#[test]
fn bracketed_kinds_and_desktop_developers() {
    check(&[
        (None, "Sandboxy | SF | [Distributed Systems | Security] Engineer | Onsite", &["backend", "security"], &[]),
        (None, "Sandboxy | (YC S21 | Remote) | Backend Engineer", &["backend"], &[]),
        (
            None,
            "Sandboxy | SF\n\nHiring for:\n\n- Real-time and distributed systems engineers\n- Security Engineer",
            &["backend", "security"],
            &[],
        ),
        (Some("Senior Windows Developer"), GENERIC, &["software"], &["senior"]),
        (Some("Windows Server Administrator"), GENERIC, &["devops"], &[]),
    ]);
}

/// A back-end language job whose text says full stack is `fullstack`, as a
/// front-end one is; without the words it keeps its side, even beside a
/// front-end stack ("Java developer … our UI is React").
#[test]
fn a_back_end_language_on_a_full_stack_is_fullstack() {
    check(&[
        (
            None,
            "Acme | Senior Java Developer | Remote\n\nWe hire full stack Java and React freelancers.",
            &["fullstack"],
            &["senior"],
        ),
        (Some("Python Developer"), "You will own features across the entire stack with Vue.", &["fullstack"], &[]),
        (
            None,
            "Acme | Java Developer | Remote\n\nYou will build our Spring services and REST APIs.",
            &["backend"],
            &[],
        ),
        (Some("Rails developer"), "You will build and maintain our payment APIs.", &["backend"], &[]),
    ]);
}

/// A post whose first line introduces the poster's own job is a
/// candidate's and offers none; a company's "I'm a …" line stays a job.
#[test]
fn a_first_line_introducing_the_poster_is_a_candidate() {
    check(&[
        (None, "I'm a full-stack developer with 5 years of experience.\n\nOpen to contracts.", &[], &[]),
        (None, "I am a senior backend engineer in Lisbon.\n\nHappy to chat about projects.", &[], &[]),
        (None, "I'm a founder at Acme and we're hiring a backend engineer.\n\nGo and Postgres.", &["backend"], &[]),
        (None, "I'm a founder of Acme | Backend Engineer | Remote\n\nWe are hiring: Go services.", &["backend"], &[]),
    ]);
}

/// The poster's own title in the body names who speaks, not a job: "I'm
/// the CTO" adds no `management`, "I'm the CEO" no `other`; the team or
/// the hires it leads to are still read.
#[test]
fn the_posters_own_title_in_the_body_is_no_job() {
    check(&[
        (None, "Acme | Remote (US)\n\nI'm the CTO. We are hiring backend engineers.", &["backend"], &[]),
        (None, "Acme | Remote\n\nI'm the Founder and CEO - email me.\n\nWe need Go engineers.", &["backend"], &[]),
        (
            None,
            "Acme | Remote\n\nI am the CTO and I am looking for Rails and infrastructure engineers.",
            &["backend", "devops"],
            &[],
        ),
        (
            None,
            "Acme | NYC\n\nI am the Director of Engineering for the front-end team and we are hiring.",
            &["frontend"],
            &[],
        ),
        (None, "Acme | NYC\n\nWe are hiring a CTO and backend engineers.", &["backend", "management"], &[]),
    ]);
}

/// A body line whose title is followed by a spaced dash and a list of
/// skills or a link names its job: the dash ends the title, as a colon
/// does; a dash before a speciality still qualifies the job.
#[test]
fn a_dash_after_a_listed_title_ends_it() {
    check(&[
        (
            None,
            "Acme | Remote\n\nSenior Site Reliability Engineer - AWS, Azure, Kubernetes, Terraform - https://acme.example/j/1",
            &["devops"],
            &[],
        ),
        (
            None,
            "Acme | Remote\n\nFull-Stack Engineer (UK) - Python, Django, React, AWS, Spark, Kafka",
            &["fullstack"],
            &[],
        ),
        (None, "Acme | Remote\n\nData Analyst - Senior, 3+ years experience", &["data"], &[]),
        (None, "Acme | Remote\n\nSoftware Engineer - Backend", &["backend"], &[]),
        (None, "Acme | Remote\n\nWe love AWS - Azure is fine too, Kubernetes, Terraform", &["software"], &[]),
    ]);
}

/// "At all levels" between a job noun and its preposition leaves the
/// specialities after it the job's ("engineers at all levels for
/// full-stack, backend and data teams").
#[test]
fn specialities_after_all_levels_and_a_preposition() {
    check(&[
        (
            None,
            "Acme | Remote\n\nWe are looking for engineers at all levels for full-stack, backend and data teams.",
            &["backend", "data", "fullstack"],
            &[],
        ),
        (None, "Acme | Remote\n\nWe are hiring engineers of all levels for our SRE team.", &["devops"], &[]),
        (None, "Acme | Remote\n\nWe are hiring engineers at all levels in Lisbon.", &["software"], &[]),
    ]);
}

/// "Manager(s)" alone, listed after engineering jobs in a first line,
/// leads those engineers; beside a job outside software, or with words of
/// its own, it is no engineering manager.
#[test]
fn a_bare_manager_listed_after_engineers_leads_them() {
    check(&[
        (None, "Acme | Software Engineers & Managers | Remote", &["management", "software"], &["manager"]),
        (
            None,
            "Acme | Senior Engineers, Leads, Managers | Toronto",
            &["management", "software"],
            &["lead", "manager", "senior"],
        ),
        (None, "Acme | Backend Engineer, Manager | Seattle", &["backend", "management"], &["manager"]),
        (None, "Acme | Frontend Engineers, Product Owners/Managers | Cork", &["frontend", "other"], &[]),
        (None, "Acme | Full Stack Engineer & Shopify Partner Manager | Remote", &["fullstack", "other"], &[]),
        (None, "Acme | Designers, Recruiters, Managers | Remote", &["other"], &[]),
    ]);
}

/// "I'm looking for our next …" and "… Team Lead" are a company's hire,
/// not a candidate's search; "a team where I can grow" still is.
#[test]
fn looking_for_our_next_hire_is_the_company_speaking() {
    check(&[
        (
            None,
            "Acme | Canada (remote) | Full-time\n\nHowdy, I'm looking for our next Software Development Team Lead.",
            &["software"],
            &[],
        ),
        (None, "Acme | Remote\n\nI'm looking for our next great hire to build our Go services.", &["backend"], &[]),
        (None, "SEEKING WORK | Remote\n\nI'm looking for a team where I can grow.", &[], &[]),
    ]);
}

/// An officer is a job outside software ("HR Officer", "Chief Commercial
/// Officer"); a security officer is security work.
#[test]
fn an_officer_is_no_software_job() {
    check(&[
        (None, "Acme | HR Officer | Remote | Full-time", &["other"], &[]),
        (None, "Acme | Chief Commercial Officer (CCO) | London", &["other"], &[]),
        (None, "Acme | Security Officer | Remote", &["security"], &[]),
        (None, "Acme | Chief Technology Officer | Remote", &["management"], &["manager"]),
    ]);
}

/// A bare newline an HN poster typed ends the first line (HN shows it as a
/// space): the list below it is read as a list, the title alone as the title.
#[test]
fn a_bare_newline_in_hn_html_ends_the_first_line() {
    let classifier = RoleClassifier::new();
    let html = "Acme | Remote\nWe build things for clients.<p>Open positions:\nElixir Engineer\niOS Engineer";
    let text = crate::extract::text::hn_html_to_text(html);
    let scan = classifier.classify(None, &text);
    let roles: Vec<&str> = scan.roles.iter().map(|r| r.as_str()).collect();
    assert_eq!(roles, ["backend", "mobile"], "{text:?}");
    let glued = crate::extract::text::html_to_text(html);
    assert!(!glued.contains("Remote\n") && text.starts_with("Acme | Remote\nWe build"), "{glued:?} / {text:?}");
}

/// A list item that is only a list of jobs names the bare specialities
/// beside its job noun ("* Backend, SRE"); an item of prose or skills does
/// not make its words jobs. Department abbreviations ("Sales/CS", "GTM")
/// are jobs outside software, and do not spoil the jobs listed with them.
#[test]
fn bare_specialities_beside_a_job_in_a_list_item() {
    check(&[
        (
            None,
            "Acme | Remote\n\nWe build meters.\n\n* Backend, SRE\n* Manufacturing Engineer",
            &["backend", "devops", "other"],
            &[],
        ),
        (None, "Acme | Remote\n\nWe build meters.\n\n* Mobile, QA Engineer", &["mobile", "qa"], &[]),
        (
            None,
            "Acme | Remote\n\nWe are looking for a Sr Systems Engineer (devops).\n\n* Dev: Ruby, Python or Go\n* Docker",
            &["devops"],
            &[],
        ),
        (None, "Acme | Remote\n\nYou have:\n\n* Go and Postgres in production as an SRE", &["software"], &[]),
        (None, "Acme | Frontend/Backend/Sales/CS | Chicago\n\nWe sell kiosks.", &["backend", "frontend", "other"], &[]),
        (None, "Acme | Engineers, GTM | Remote\n\nWe build invoicing tools.", &["other", "software"], &[]),
        (None, "Acme | Senior Engineer, Payments | Remote\n\nWe build API tools.", &["backend"], &["senior"]),
    ]);
}

/// "Services" of a sector or a cloud are no server-side work ("government
/// services", "AWS services"); services the hire builds are.
#[test]
fn sector_and_cloud_services_are_not_back_end_work() {
    check(&[
        (Some("Software Engineer"), "Help us redesign public services and social services online.", &["software"], &[]),
        (Some("Software Engineer"), "We run everything on AWS services.", &["software"], &[]),
        (Some("Software Engineer"), "You will build our billing services and their APIs.", &["backend"], &[]),
    ]);
}

/// Services of a trade or a profession ("banking services", "tax
/// services", "consulting services") are no server-side work either.
#[test]
fn trade_services_are_not_back_end_work() {
    check(&[
        (Some("Software Engineer"), "We bring banking services and tax services to small shops.", &["software"], &[]),
        (
            Some("Software Engineer"),
            "Our clients buy consulting services and insurance services from us.",
            &["software"],
            &[],
        ),
        (Some("Software Engineer"), "You will own the services behind our tax filing app.", &["backend"], &[]),
    ]);
}

/// A long link after a list item does not make it prose: the item's own
/// words are measured ("* Backend - $150,000 - Go - https://…/very/long").
#[test]
fn a_long_link_keeps_a_list_item_a_job() {
    let link = "https://jobs.example.com/careers/openings/0123456789abcdef0123456789abcdef/apply?utm_source=hn&utm_medium=comment&utm_campaign=whoishiring-thread&ref=hackernews-monthly";
    let text = format!(
        "Acme | Remote\n\nWe have several roles open:\n\n* Android - $150,000 to $180,000 - Kotlin - {link}\n\n* Backend - $160,000 to $190,000 - Go, Postgres - {link}"
    );
    let prose = format!(
        "Acme | Remote\n\nWe have several roles open:\n\n* Android - $150,000 to $180,000 - Kotlin\n\n* {}Backend work on Go services.",
        "We would love to hear from you if you have built products that people use every day and care about. "
            .repeat(2)
    );
    let classifier = RoleClassifier::new();
    let roles = |t: &str| classifier.classify(None, t).roles.iter().map(|r| r.as_str()).collect::<Vec<_>>();
    assert_eq!(roles(&text), ["backend", "mobile"], "{text}");
    assert_eq!(roles(&prose), ["mobile"], "{prose}");
}

/// The only job of a posting, under a generic title, whose stack line
/// names both sides is full stack ("Stack: Postgres, React"); one side only
/// is that side; the text's own work in another area wins over the stack line; a sentence
/// with "stack:" in it is no stack line, and a comment naming no job stays
/// `software`; with several jobs the stack line describes none of them.
#[test]
fn the_only_generic_job_on_a_stack_of_both_sides() {
    check(&[
        (
            None,
            "Acme | Software Engineer | Remote\n\nWe make invoices.\n\nStack: Postgres, React, Next.js",
            &["fullstack"],
            &[],
        ),
        (
            None,
            "Acme | Engineers (Mid/Sr) | Remote\n\nTech stack: java (spring), vuejs, postgres, redis",
            &["fullstack"],
            &["mid", "senior"],
        ),
        (Some("Software Engineer"), "We sell to dentists.\n- Our stack: Django, Postgres, Celery", &["backend"], &[]),
        (
            Some("Software Engineer"),
            "You will build our data pipelines and the warehouse in dbt.\n\nStack: React, Node.js, Postgres",
            &["data"],
            &[],
        ),
        (
            Some("Software Engineer"),
            "We don't hire for a stack: we use Postgres and React, but care how you think.",
            &["software"],
            &[],
        ),
        (None, "Acme | Remote\n\nSmall team.\n\nStack: Django, Postgres, React", &["software"], &[]),
        (
            None,
            "Acme | Software Engineer, Data Engineer | Remote\n\nStack: Django, Postgres, React",
            &["data", "software"],
            &[],
        ),
    ]);
}

/// Specialities the table does not list (blockchain, compilers, game
/// engines, scientific computing) are `software`, also when a back-end
/// language names the job; the language's own work keeps its side.
#[test]
fn specialities_the_table_does_not_list_are_software() {
    check(&[
        (Some("Go Developer"), "You will work on our blockchain node and smart contract tooling.", &["software"], &[]),
        (Some("Go Developer"), "You will build our payments APIs and services in Go.", &["backend"], &[]),
        (Some("Python Developer"), "Join our scientific computing team: simulation and HPC codes.", &["software"], &[]),
        (Some("Software Engineer"), "You will work on the compiler and the game engine.", &["software"], &[]),
        (
            Some("Software Engineer"),
            "You will build the REST APIs and services behind our wallet app.",
            &["backend"],
            &[],
        ),
        (
            None,
            "Acme | Rust Engineers | Remote\n\nYou will build web3 infrastructure on blockchain rails.",
            &["software"],
            &[],
        ),
    ]);
}

/// A generic title whose text says the hire works on both sides ("you'll
/// build our frontend and backend") is `fullstack` even when a skills list
/// names more of another area; without that statement the other area, or
/// nothing clear, decides.
#[test]
fn a_statement_of_both_sides_outweighs_a_skills_list() {
    let skills = "\n\nSkills:\n- PyTorch and TensorFlow\n- Git";
    let both =
        format!("Acme | Software Engineer | Remote\n\nYou will develop our entire frontend and backend.{skills}");
    let ml_only = format!("Acme | Software Engineer | Remote\n\nYou will work on our product.{skills}");
    let ml_work = "Acme | Software Engineer | Remote\n\nYou will train our machine learning models in PyTorch, \
                   fine-tune LLMs and run inference, across the stack.";
    check(&[
        (None, leak(both), &["fullstack"], &[]),
        (None, leak(ml_only), &["ml"], &[]),
        (None, ml_work, &["ml"], &[]),
    ]);
}

/// A first-line field of one area's words ("Full Stack Web", "Backend
/// API") names that job; words of different areas ("Payments
/// Infrastructure") describe a company.
#[test]
fn a_first_line_field_of_one_area_names_its_job() {
    check(&[
        (None, "Acme | Full Stack Web | Remote\n\nWe sell wine online.", &["fullstack"], &[]),
        (None, "Acme | Backend API | Remote\n\nWe sell wine online.", &["backend"], &[]),
        (None, "Acme | Payments Infrastructure | Remote\n\nWe sell wine online.", &["software"], &[]),
    ]);
}

fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

/// A stop ends a job phrase: the specialities after a comma qualify the
/// job before them even when another job follows the stop ("Software
/// Engineer, Developer Productivity ; Linux SRE").
#[test]
fn a_stop_ends_the_job_phrase_a_speciality_qualifies() {
    check(&[
        (
            None,
            "Acme | Software Engineer, Developer Productivity ; Linux SRE | Remote\n\nYou will speed up our Java builds and services.",
            &["devops"],
            &[],
        ),
        (None, "Acme | Software Engineer, Payments ; SRE | Remote\n\nWe sell tickets.", &["backend", "devops"], &[]),
        (None, "Acme | Software Engineer, Payments | Remote\n\nWe sell tickets.", &["backend"], &[]),
    ]);
}

/// "AI Engineer and Full-Stack": a speciality of another area coordinated
/// after a job that has its own is a second job; one of the same area
/// ("Data Engineer and Analytics"), or after a generic job, qualifies it.
#[test]
fn a_coordinated_speciality_of_another_area_is_a_job() {
    check(&[
        (None, "Acme | AI Engineer and Full-Stack | Remote\n\nWe read documents.", &["fullstack", "ml"], &[]),
        (Some("Backend Engineer and Frontend"), GENERIC, &["backend", "frontend"], &[]),
        (None, "Acme | Data Engineer and Analytics | Remote\n\nWe read documents.", &["data"], &[]),
        (None, "Acme | Software Engineer and Full-Stack | Remote\n\nWe read documents.", &["fullstack"], &[]),
    ]);
}

/// "Software Engineering (Frontend, Full stack) and Solutions": after
/// engineering alone, a parenthesis of specialities names the jobs, and a
/// customer-facing word beside them is a job of its own; after a
/// speciality ("Backend (Go)") a parenthesis only qualifies it.
#[test]
fn specialities_in_brackets_after_engineering_are_jobs() {
    check(&[
        (
            None,
            "Acme | Remote | https://acme.example\n\nWe sell sensors.\n\nOpen roles in Software Engineering (Frontend, Full stack) and Solutions. Apply here: https://acme.example/jobs",
            &["frontend", "fullstack", "other"],
            &[],
        ),
        (
            None,
            "Acme | Remote\n\nWe sell sensors.\n\nOpen roles in Backend (Go, Postgres) and Solutions. Apply here.",
            &["backend", "other"],
            &[],
        ),
        (Some("Engineering (Backend, Data)"), GENERIC, &["backend", "data"], &[]),
    ]);
}

/// In a bullet list one of whose items starts with a job ("- SRE: …"),
/// the other items that start with a speciality alone ("- Web
/// Development: …", "- Mid and Sr Backend (Python)") are jobs too; items
/// that are prose or only languages are not, nor any beside an item that
/// does not read as a job title ("* Hackers / experience of …").
#[test]
fn list_items_named_by_their_area_beside_a_job() {
    check(&[
        (
            None,
            "Acme | Remote\n\nWe'd love to talk to anyone, in particular to bring on:\n\n- SRE/DevOps: Kubernetes, on-prem deploys\n\n- Web Development: React frontend, Node backend, real-time views in the browser\n\n- Machine Learning: models that read our sensor data",
            &["devops", "fullstack", "ml"],
            &[],
        ),
        (
            None,
            "Acme | Remote (EU)\n\nWe are hiring fully-remote for:\n\n- Mid and Sr Backend (Python/Django)\n\n- Infrastructure Engineer (K8S)\n\n- Product Designer",
            &["backend", "devops", "other"],
            &[],
        ),
        (
            None,
            "Acme | Remote\n\nWe build maps.\n\n- Backend Engineer: Go services and Postgres\n- Experience with machine learning is a plus",
            &["backend"],
            &[],
        ),
        (None, "Acme | Remote\n\nWe build maps.\n\n- Senior Frontend Engineer\n- Django, Postgres", &["frontend"], &[]),
        (
            None,
            "Acme | Remote\n\nWe are hiring across disciplines:\n\n- Data Science: statistics and Python\n\n- Backend Servers: C and concurrency",
            &["backend", "ml"],
            &[],
        ),
        (
            None,
            "Acme | 2 x Software Engineers | Pune\n\nWe use Node.js and VueJS.\n\nRequirements:\n* Node.js, SQL or NoSQL.\n* Frontend.\n* Hackers / experience of shipping quality software.",
            &["fullstack"],
            &[],
        ),
        (Some("Payments Engineering"), GENERIC, &["backend"], &[]),
        (Some("Engineering"), GENERIC, &["software"], &[]),
    ]);
}

/// A stack the text states describes a comment's generic jobs when they
/// are all one kind (a manager or designer beside them aside), in a
/// labelled line or a sentence ("our technology stack includes …", "we
/// are a Django and React shop"); it does not when a specific job is
/// beside them or when it names a third side of the product (mobile
/// apps) as much as the two; what it runs on or feeds (AWS, Airflow) is
/// no side.
#[test]
fn a_stated_stack_describes_one_kind_of_generic_job() {
    check(&[
        (
            None,
            "Acme | Software Engineer, Senior Software Engineer and Engineering Manager | Remote\n\nWe fix boilers.\n\nStack: Python, Django, TypeScript, React, PostgreSQL\n\n- Software Engineer: https://acme.example/1\n\n- Engineering Manager: https://acme.example/2",
            &["fullstack", "management"],
            &["manager", "senior"],
        ),
        (
            None,
            "Acme | Software Engineer, Product Manager | Remote\n\nWe verify incomes. We are a Django and React (TypeScript) shop, and run on AWS.",
            &["fullstack", "other"],
            &[],
        ),
        (
            None,
            "Acme | Remote\n\nWe're hiring an early engineer. Our current technology stack includes Deno, React, and PostgreSQL.",
            &["fullstack"],
            &[],
        ),
        (
            None,
            "Acme | Software Engineer, Engineering Manager | Remote\n\nWe deliver medicine.\n\nTech Stack: React Native, React, Ruby on Rails, Go",
            &["management", "software"],
            &["manager"],
        ),
        (
            None,
            "Acme | Software Engineer | Berlin\n\nWe cut emissions.\n\nOur stack: Python/Django, PostgreSQL, React, Apache Airflow, AWS",
            &["fullstack"],
            &[],
        ),
    ]);
}

/// Server-side work named only by its traits (business logic, caching,
/// high traffic, scalability, "scalable infra & APIs") is back-end work
/// for a generic title; the weak traits alone, or beside a user
/// interface, are not.
#[test]
fn server_side_work_named_by_its_traits() {
    check(&[
        (
            None,
            "Acme | London | Elixir | Mid and Senior Software Engineers\n\nWe build the business logic that routes our apps' requests, for high traffic peaks, with caching and scalability in mind.",
            &["backend"],
            &["mid", "senior"],
        ),
        (Some("Software Engineer"), "Our team cares about scalability and caching.", &["software"], &[]),
        (
            None,
            "Acme | Berlin\n\nWe're hiring a founding team:\n\nSoftware Engineer: Build scalable infra & APIs.\nProduct Manager: Shape the roadmap.",
            &["backend", "other"],
            &[],
        ),
        (Some("Software Engineer"), "You will build scalable dashboards in React.", &["software"], &[]),
        (
            Some("Software Engineer"),
            "You will build our React user interface and the caching of its state in the browser.",
            &["frontend"],
            &[],
        ),
    ]);
}

/// A nice-to-have list or sentence names no part of the work: a generic
/// job stated to work on both sides stays `fullstack` beside a
/// nice-to-have ML list; the same list as the work makes it `ml`.
#[test]
fn a_nice_to_have_list_is_no_work() {
    let nice = "Acme | Software Engineer | Remote\n\nYou'll develop both our frontend and backend.\n\nNice to have:\n- PyTorch or TensorFlow (we may add recommendations one day)\n- Git";
    let work = "Acme | Software Engineer | Remote\n\nYou will train our recommendation models in PyTorch and TensorFlow and run their inference.";
    check(&[(None, nice, &["fullstack"], &[]), (None, work, &["ml"], &[])]);
}

/// A noun with a role of its own ("SRE", "DBA") takes no speciality of
/// another area coordinated with it: "Backend & SRE" is two jobs, and in
/// "Backend, Android and Cloud Infrastructure/SRE" only the last
/// qualifies it. One of its own area ("Manual & Automation Testers")
/// does, as any speciality does a noun without a role ("Android & iOS
/// Engineers").
#[test]
fn a_speciality_before_a_noun_with_its_own_role_is_a_job() {
    check(&[
        (
            None,
            "Acme | Remote\n\nWe sell boilers.\n\nOpen roles: Backend & SRE, Frontend",
            &["backend", "devops", "frontend"],
            &[],
        ),
        (
            None,
            "Acme | Software Engineers (Full-stack / AI / SRE) | Remote\n\nWe transcribe calls.",
            &["devops", "fullstack", "ml"],
            &[],
        ),
        (Some("Backend / DBA"), GENERIC, &["backend", "devops"], &[]),
        (
            None,
            "Acme | Remote\n\nWe sell boilers. We're hiring Backend (Go), Android (yes, Kotlin!), Data and Cloud Infrastructure/SRE roles!",
            &["backend", "data", "devops", "mobile"],
            &[],
        ),
        (None, "Acme | Manual & Automation Testers | Remote\n\nWe sell boilers.", &["qa"], &[]),
        (None, "Acme | Infrastructure & Cloud SREs | Remote\n\nWe sell boilers.", &["devops"], &[]),
        (None, "Acme | Android & iOS Engineers | Remote\n\nWe sell boilers.", &["mobile"], &[]),
    ]);
}

/// "Tech Lead Manager" is one people-lead job with both levels; a tech
/// lead alone is an engineer.
#[test]
fn a_tech_lead_manager_leads_people() {
    check(&[
        (
            None,
            "Acme | Tech Lead Manager, Payments | Remote\n\nWe sell tickets.",
            &["backend", "management"],
            &["lead", "manager"],
        ),
        (
            None,
            "Acme | Senior Engineers, Tech Lead Manager | NYC\n\nWe sell tickets.",
            &["management", "software"],
            &["lead", "manager", "senior"],
        ),
        (None, "Acme | Tech Lead | Remote\n\nWe sell tickets.", &["software"], &["lead"]),
    ]);
}

/// Specialities after a preposition right after a job noun ("engineers
/// for backend, frontend and mobile", "developers across distributed
/// systems, SaaS and SRE") name its jobs, as a parenthesis would; a place
/// ("engineers in Berlin", "for our Berlin office") or a thing they
/// describe ("for our Real-time Chat Platform") names none.
#[test]
fn specialities_after_a_preposition_name_the_jobs() {
    check(&[
        (
            None,
            "Acme | Remote\n\nWe sell boilers. We are hiring engineers for backend, frontend and mobile roles.",
            &["backend", "frontend", "mobile"],
            &[],
        ),
        (
            None,
            "Acme | Remote\n\nWe sell boilers. We're hiring engineers across distributed systems, SaaS and SRE.",
            &["backend", "devops"],
            &[],
        ),
        (
            None,
            "Acme | Berlin\n\nWe sell boilers. We're looking for engineers for backend and devops in our Berlin office.",
            &["backend", "devops"],
            &[],
        ),
        (None, "Acme | Developers for our Full-stack team | Remote\n\nWe sell boilers.", &["fullstack"], &[]),
        (None, "Acme | Staff Software Developer in Test | Remote\n\nWe sell boilers.", &["qa"], &["staff"]),
        (None, "Acme | Remote\n\nWe sell boilers. We are hiring engineers in Berlin and London.", &["software"], &[]),
        (Some("Software Engineer for Real-time Chat Platform"), GENERIC, &["software"], &[]),
        (None, "Acme | Remote\n\nWe sell boilers. We are hiring engineers for our Berlin office.", &["software"], &[]),
    ]);
}

/// "Backend focus", "Frontend-focused Engineer": a speciality with
/// "focus" is the job's; a word of business, product or quality before
/// it ("customer-focused", "quality-focused") is an attitude.
#[test]
fn a_focus_names_the_speciality() {
    check(&[
        (Some("Software Engineer (Back-end focus)"), GENERIC, &["backend"], &[]),
        (Some("Frontend-focused Engineer"), GENERIC, &["frontend"], &[]),
        (Some("Full-stack Engineer w/ DevOps focus"), GENERIC, &["fullstack"], &[]),
        (
            None,
            "Acme | Remote\n\nWe sell boilers. Open roles: Data Analysts, Bookkeeper, Software Engineers (Backend focus)",
            &["backend", "data", "other"],
            &[],
        ),
        (Some("Customer-focused Engineer"), GENERIC, &["software"], &[]),
        (Some("Quality-focused Software Engineer"), GENERIC, &["software"], &[]),
    ]);
}

/// What "including" lists in a hiring clause are jobs when a job noun is
/// among them, even after words the clause's start cannot be read past
/// ("several remote (US-based) roles (see https://…?via=hn), including
/// …": neither a link's colon nor its "?" ends the clause); "including
/// some for recent graduates" names none.
#[test]
fn a_hiring_clause_lists_jobs_after_including() {
    check(&[
        (
            None,
            "Acme | Remote (US)\n\nWe sell boilers. We're hiring for several remote (US-based) roles (see https://acme.example/jobs?via=hn), including a database reliability engineer, Node.js engineers and more!",
            &["backend", "devops"],
            &[],
        ),
        (
            None,
            "Acme | Remote\n\nWe sell boilers. We're hiring for a variety of roles including frontend SWE, full-stack SWE and data engineer.",
            &["data", "frontend", "fullstack"],
            &[],
        ),
        (
            None,
            "Acme | Remote\n\nWe sell boilers. We're hiring for many roles, including some for recent graduates.",
            &["software"],
            &[],
        ),
    ]);
}

/// An item of a list of openings that opens with a hiring cue ("1. We
/// need engineers who …") is read as the clause after the cue.
#[test]
fn a_list_item_opening_with_a_hiring_cue_is_a_clause() {
    check(&[
        (
            None,
            "Acme | Remote\n\nWe sell boilers. We have 2 roles open:\n\n1. We need engineers who can move between our Go backends and React frontend.\n\n2. We need a designer.",
            &["fullstack", "other"],
            &[],
        ),
        (
            None,
            "Acme | Remote\n\nWe sell boilers. We have 2 roles open:\n\n1. Backend Engineer\n\n2. We value kindness.",
            &["backend"],
            &[],
        ),
    ]);
}

/// In prose, a clause after a job noun ("who", "that", "to") ends its
/// phrase: what follows is the work, not the job's speciality ("engineers
/// who work on our Go backends and React frontend" are not frontend
/// engineers); without one the words still qualify it ("engineers
/// experienced in PHP and Symfony").
#[test]
fn a_clause_after_a_job_noun_ends_its_phrase() {
    check(&[
        (
            None,
            "Acme | Remote\n\nWe sell boilers. We're looking for engineers who will work on our Go backends and React frontend.",
            &["fullstack"],
            &[],
        ),
        (
            None,
            "Acme | Remote\n\nWe sell boilers. We are looking for:\n- Software engineers experienced in PHP and Symfony",
            &["backend"],
            &[],
        ),
    ]);
}

/// A first-line list of specialities names its jobs when each is a known
/// job word: a language of an area's side beside it ("JS Frontend"), data
/// analysis, product management.
#[test]
fn a_first_line_list_of_areas_and_departments() {
    check(&[
        (
            None,
            "Acme | Fullstack, Backend, iOS, Data Analysis, Product Management | NYC or Remote\n\nWe help people sleep.",
            &["backend", "data", "fullstack", "mobile", "other"],
            &[],
        ),
        (None, "Acme | Munich | JS Frontend and/or Backend\n\nWe build search.", &["backend", "frontend"], &[]),
        (None, "Acme | Munich | React Backend\n\nWe build search.", &["software"], &[]),
    ]);
}

/// A customer-facing or research job names no speciality of the generic
/// engineers beside it: "Researchers and Engineers" are two jobs, as are
/// "engineers" and "a support lead who …" (a level word before a clause
/// names the job); a specific job beside them still does.
#[test]
fn engineers_beside_a_customer_facing_or_research_job() {
    check(&[
        (
            None,
            "Acme | Seattle | Remote\n\nWe study soil. We have roles open for both Researchers and Engineers.",
            &["other", "software"],
            &[],
        ),
        (
            None,
            "Acme | Remote\n\nWe sell boilers. We're hiring engineers and a customer support lead who loves talking to plumbers.",
            &["other", "software"],
            &[],
        ),
        (
            None,
            "Acme | Remote\n\nWe sell boilers. We're hiring engineers, a solutions engineer and a backend engineer.",
            &["backend", "other"],
            &[],
        ),
    ]);
}

/// A singular "service" in the senses of duty, quality or trade ("in
/// service of the common good", "years of service") is no back-end work;
/// a service the hire builds is.
#[test]
fn service_as_duty_or_trade_is_not_back_end_work() {
    check(&[
        (
            None,
            "Acme | Software Engineers | Remote\n\nWe do research in service of the common good and reward years of service.",
            &["software"],
            &[],
        ),
        (None, "Acme | Software Engineers | Remote\n\nYou will build our billing service.", &["backend"], &[]),
    ]);
}

/// Lines that are only a short title and its application link ("IOS -
/// https://apply…/j/1", "Backend: https://…/jobs/2") list openings named
/// by a speciality alone; a link to no job board ("iOS app:
/// https://apps.apple.com/…"), or the first line's, does not.
#[test]
fn lines_of_a_title_and_its_job_link_are_openings() {
    check(&[
        (
            None,
            "Acme Health | Boston, MA - Remote | Full Time\n\nWe make apps for new parents.\n\nIOS - https://apply.example.com/acme/j/ED13/\n\nBackend (PHP 8) - https://apply.example.com/acme/j/6FA9/\n\nQA - https://apply.example.com/acme/j/0CB3/",
            &["backend", "mobile", "qa"],
            &[],
        ),
        (
            None,
            "Acme | Remote\n\nWe make apps.\n\nFrontend https://jobs.example.com/acme/1\nBackend: https://jobs.example.com/acme/2",
            &["backend", "frontend"],
            &[],
        ),
        (
            None,
            "Acme | Remote\n\nWe make apps for new parents.\n\niOS app: https://apps.apple.com/app/acme\nSecurity: https://acme.example/security",
            &["software"],
            &[],
        ),
        (None, "Acme Analytics @ London - https://acme.example/careers.html\n\nWe make apps.", &["software"], &[]),
    ]);
}

/// Languages joined by `+` before a language's job are one job's stack
/// ("React + Node Developer" is full stack, "Python+Django Developer"
/// back end), and before any job when glued to it like a hyphen
/// ("C#+Xamarin Developer" is mobile); spaced before another job
/// ("React + AI devs") or as areas ("Backend + Frontend Engineers") they
/// are jobs apart, as languages joined by "and" are ("Python and
/// JavaScript developers").
#[test]
fn languages_joined_by_plus_are_one_stack() {
    check(&[
        (None, "Acme | React + Node Developer | Remote\n\nWe sell boilers.", &["fullstack"], &[]),
        (None, "Acme | C#+Xamarin Developer | Remote\n\nWe sell boilers.", &["mobile"], &[]),
        (None, "Acme | C# + Xamarin Developer | Remote\n\nWe sell boilers.", &["backend", "mobile"], &[]),
        (None, "Acme | Python+Django Developer | Remote\n\nWe sell boilers.", &["backend"], &[]),
        (None, "Acme | React + AI devs | Remote\n\nWe sell boilers.", &["frontend", "ml"], &[]),
        (None, "Acme | Backend + Frontend Engineers | Remote\n\nWe sell boilers.", &["backend", "frontend"], &[]),
        (None, "Acme | Python and JavaScript developers | Remote\n\nWe sell boilers.", &["backend", "frontend"], &[]),
    ]);
}

/// A language the first line lists beside other jobs ("F#/C#/Linux devs")
/// is the body list's job whose title names it again with more ("- F#
/// and C# Xamarin Developer: …"), not a job of its own; one no item names
/// stays.
#[test]
fn a_first_line_language_a_list_item_names_again() {
    check(&[
        (
            None,
            "Acme | Lisbon | F#/C#/Linux devs | Onsite\n\nWe build wallets. We are filling these roles:\n\n- Linux DevOps: CI and packaging.\n\n- F# and C# Xamarin Developer (no crypto needed): code review, git.",
            &["devops", "mobile"],
            &[],
        ),
        (
            None,
            "Acme | Lisbon | F#/C#/Linux devs | Onsite\n\nWe build wallets. We are filling these roles:\n\n- Linux DevOps: CI and packaging.",
            &["backend", "devops"],
            &[],
        ),
    ]);
}

/// JavaScript runs on both sides: a JavaScript (or Node.js) job whose
/// stated stack names both sides is full stack; a React job on the same
/// stack stays front end, and a JavaScript job with no stack keeps its side.
#[test]
fn javascript_on_a_stack_of_both_sides_is_full_stack() {
    check(&[
        (
            None,
            "Acme | JavaScript Developer | Remote\n\nWe host shops.\n\nOur tech stack: React, Node, GraphQL, Webpack, Jest",
            &["fullstack"],
            &[],
        ),
        (
            None,
            "Acme | React Developer | Remote\n\nWe host shops.\n\nOur tech stack: React, Node, GraphQL",
            &["frontend"],
            &[],
        ),
        (None, "Acme | JavaScript Developer | Remote\n\nWe host shops.", &["frontend"], &[]),
    ]);
}

/// The reader a post addresses ("if you are a Perl developer", "are you a
/// backend engineer …?") is the job it offers; a list of skills after it
/// ("if you're a rockstar in React, React Native and Redux") names no
/// job, and a bare noun after it is the first line's generic job again.
#[test]
fn the_reader_a_post_addresses_is_its_job() {
    check(&[
        (None, "Acme | Remote\n\nWe sell boilers. If you are a Perl developer, get in touch.", &["backend"], &[]),
        (
            None,
            "Acme | NYC\n\nAre you a talented backend engineer looking to learn about boilers? Write to us.",
            &["backend"],
            &[],
        ),
        (
            None,
            "Acme | Front-end Engineering | Remote\n\nWe sell boilers. If you're a rockstar in React, React Native and Redux, apply.",
            &["frontend"],
            &[],
        ),
        (
            None,
            "Acme | Product Engineer | Remote\n\nIf you're a product-minded engineer, talk to us. You'll build our React frontend and our Python backend.",
            &["fullstack"],
            &[],
        ),
    ]);
}

/// A parenthesis of levels between a job and the parenthesis of its
/// languages does not part them: "Engineering (all levels) (C#)" and
/// "Software Engineer (Senior) (Python)" are back-end jobs.
#[test]
fn a_parenthesis_of_levels_before_the_languages() {
    check(&[
        (None, "Acme | Engineering (all levels) (C#) | Remote\n\nWe sell boilers.", &["backend"], &[]),
        (None, "Acme | Software Engineer (Senior) (Python) | Remote\n\nWe sell boilers.", &["backend"], &["senior"]),
        (None, "Acme | Engineering (all levels) | Remote\n\nWe sell boilers.", &["software"], &[]),
    ]);
}

/// The teams the hire works with ("work closely with our frontend and
/// devops teams") are not the hire's work; the hire's own team ("join our
/// frontend team") is, and "with" before a cue that is no team's name
/// ("experience with Django and agile team management") changes nothing.
#[test]
fn the_teams_the_hire_works_with_are_not_the_work() {
    check(&[
        (
            Some("Software Engineer"),
            "You will work closely with our frontend and devops teams to build our search service.",
            &["backend"],
            &[],
        ),
        (Some("Software Engineer"), "You will join our frontend team and build our design system.", &["frontend"], &[]),
        (
            Some("Software Engineer"),
            "You have experience with Django, Celery and agile team management.",
            &["backend"],
            &[],
        ),
    ]);
}

/// A bare "Architect" listed after a software job is a software architect
/// (`staff`) whose speciality the text tells; alone or beside jobs outside
/// software it stays outside software.
#[test]
fn an_architect_listed_after_a_software_job() {
    check(&[
        (
            None,
            "Acme | Backend Engineer, Architect | Remote\n\nWe build our payment APIs in Go.",
            &["backend"],
            &["staff"],
        ),
        (None, "Acme | Product Designer, Architect | NYC\n\nWe design office buildings.", &["other"], &[]),
        (None, "Acme | Architect | NYC\n\nWe design office buildings.", &["other"], &[]),
        (
            None,
            "Acme | Frontend Engineer, Architect | Remote\n\nYou will design our services and their APIs.",
            &["backend", "frontend"],
            &["staff"],
        ),
    ]);
}

/// "SW" in capitals is software before a job noun ("SW Architect"), not
/// in lower case.
#[test]
fn sw_in_capitals_is_software() {
    check(&[
        (None, "Acme | SW Architect | Remote\n\nWe sell boilers.", &["software"], &["staff"]),
        (None, "Acme | SW Architects and SW Engineers | Munich\n\nWe sell boilers.", &["software"], &["staff"]),
        (None, "Acme | sw architect | NYC\n\nWe design office buildings.", &["other"], &[]),
    ]);
}

/// "Real-time" alone is no embedded work ("real-time APIs", "real-time
/// payments"); its embedded senses are ("hard real-time", "real-time
/// operating system").
#[test]
fn real_time_alone_is_not_embedded_work() {
    check(&[
        (Some("Software Engineer"), "You will build real-time APIs for our payments platform.", &["backend"], &[]),
        (
            Some("Software Engineer"),
            "You will write hard real-time code for our motor controllers.",
            &["embedded"],
            &[],
        ),
        (Some("Software Engineer"), "You will work on our real-time operating system.", &["embedded"], &[]),
    ]);
}

/// A first line of no fields that names no job ("Hacker News post", "1/2",
/// "We're hiring!") gives way to a header of fields on the next line,
/// whose jobs and levels are the post's; a first line of fields does not
/// ("Acme | Remote", then a list of openings), nor does a list item.
#[test]
fn a_preamble_line_gives_way_to_the_header_after_it() {
    check(&[
        (
            None,
            "Hacker News post\n\nAcme | Remote | Sr. Full-Stack Engineer | Full-time\n\nWe sell boilers.",
            &["fullstack"],
            &["senior"],
        ),
        (
            None,
            "1/2\nAcme | Boston | Senior Frontend Engineer | Onsite\n\nWe sell boilers.",
            &["frontend"],
            &["senior"],
        ),
        (
            None,
            "Acme | Remote | https://acme.example\n\n## Engineering Manager | Full-time | REMOTE\n## Account Executive | Full-time | REMOTE\n\nWe sell boilers.",
            &["management", "other"],
            &[],
        ),
        (
            None,
            "We're hiring for:\n\n- Senior Data Engineer | Lille | Onsite\n- Frontend Engineer | Lille | Onsite",
            &["data", "frontend"],
            &[],
        ),
    ]);
}

/// A hyphen glued between a job noun and a capitalised word parts them as
/// a spaced dash would ("Software Engineer-Python"); compounds stay whole
/// ("Front-End Engineer", "Programmer-Who-Writes").
#[test]
fn a_glued_hyphen_after_a_job_noun_parts_its_speciality() {
    check(&[
        (None, "Acme | Senior Software Engineer-Python | Remote\n\nWe sell boilers.", &["backend"], &["senior"]),
        (None, "Acme | Software Engineer-Frontend | Remote\n\nWe sell boilers.", &["frontend"], &[]),
        (None, "Acme | Front-End Engineer | Remote\n\nWe sell boilers.", &["frontend"], &[]),
        (None, "Acme | Engineer-led team | Remote\n\nWe sell boilers.", &["software"], &[]),
    ]);
}

/// Hiring that is someone's act in prose names no opening ("instead of
/// hiring a photographer", "creating a dummy, hiring a model"); the
/// poster's hiring does ("interested in hiring a senior backend engineer").
#[test]
fn hiring_in_prose_is_no_opening() {
    check(&[
        (
            None,
            "Acme | Remote | Internships\n\nInstead of going through drafts, creating a dummy, hiring a photographer and model, designers use our studio.\n\nWe are looking for\n\n- a react intern",
            &["frontend"],
            &["intern"],
        ),
        (
            None,
            "Acme | Remote\n\nShops save the cost of hiring a designer.\n\nWe're particularly interested in hiring a senior backend engineer.",
            &["backend"],
            &[],
        ),
    ]);
}

/// A bracket between a hiring cue's first words and its job is an aside
/// ("hiring 2 x Remote (Australia only) Full Stack Developers", "three (3)
/// analytics engineers"): it neither hides the job nor names one
/// ("— Willem (CTO, Acme)" in a signature is no opening).
#[test]
fn an_aside_before_the_job_of_a_hiring_clause() {
    check(&[
        (
            None,
            "Acme | Remote\n\nCurrently we are hiring 2 x Remote (Australia only) Full Stack Developers. Apply here.",
            &["fullstack"],
            &[],
        ),
        (
            None,
            "Acme | Berlin\n\nWe are hiring multiple (product-minded) engineers and solutions engineers.",
            &["software", "other"],
            &[],
        ),
        (None, "Acme | Remote | Backend Engineer\n\nWe build APIs.\n\n— Willem (CTO, Acme)", &["backend"], &[]),
    ]);
}

/// A list's lines may repeat the company before each job ("- Acme | Data
/// Engineer | Lille", "* Acme Labs – Product Manager", "Acme - Founding
/// Engineer - Remote"): its field is skipped and the job read; a
/// signature's dash stays a signature ("James - CTO @ Acme").
#[test]
fn a_list_line_that_repeats_the_company_names_its_job() {
    check(&[
        (
            None,
            "Acme | Lille | Onsite\n\nWe are hiring:\n\n- Acme | Senior Data Engineer | Lille\n- Acme | Product Designer | Lille",
            &["data", "other"],
            &[],
        ),
        (
            None,
            "Acme Labs | Remote\n\n* Acme Labs – Back End Software Engineer https://jobs.example/1\n* Acme Labs – Product Manager https://jobs.example/2",
            &["backend", "other"],
            &[],
        ),
        (
            None,
            "Acme is hiring.\n\nAcme | Senior Mobile Engineer | REMOTE\nAcme | Senior Site Reliability Engineer | REMOTE\nAcme | Product Designer | REMOTE",
            &["mobile", "devops", "other"],
            &["senior"],
        ),
        (
            None,
            "Remote or Netherlands\nAcme - Founding Engineer - Remote - $80k\nWe build APIs in Go.",
            &["backend"],
            &[],
        ),
        (
            None,
            "Acme | Berlin | Onsite\n\nWe're hiring:\n- Frontend Engineers\n- Backend Engineers\n\nJames - CTO @ Acme https://acme.example",
            &["frontend", "backend"],
            &[],
        ),
    ]);
}

/// "Web" names both sides until a speciality after it names one: "Senior
/// Web Developer (React)" and "Web Engineer - Frontend" are front end; a
/// bare "Web Developer" stays full stack, and so does one of JavaScript,
/// which runs on both.
#[test]
fn a_web_job_qualified_by_one_side_is_that_side() {
    check(&[
        (Some("Senior Web Developer (React)"), GENERIC, &["frontend"], &["senior"]),
        (Some("Web Engineer - Frontend"), GENERIC, &["frontend"], &[]),
        (Some("Web Developer, Backend"), GENERIC, &["backend"], &[]),
        (Some("Web Developer"), GENERIC, &["fullstack"], &[]),
        (Some("Web Developer (JavaScript)"), GENERIC, &["fullstack"], &[]),
    ]);
}

/// "The stack is …" and "our web stack uses …" state the company's stack,
/// as "our stack" does: the posting's only generic job is on it, and no
/// other job is read from it.
#[test]
fn a_sentence_that_says_what_the_stack_is_is_the_stack() {
    check(&[
        (
            None,
            "Acme | Software Developer | Remote\n\nWe run two web shops.\n\nThe stack is React/Node/Postgres/ElasticSearch. You would work with two other developers.",
            &["fullstack"],
            &[],
        ),
        (
            None,
            "Acme | Backend Engineer | Remote\n\nWe sell insurance by SMS. Stack is Vue.js with mostly django in the back end.",
            &["backend"],
            &[],
        ),
    ]);
}

/// A bare "Architect" that opens a list of duties is their verb ("-
/// Architect, design and deploy new features", "Architect & Build:",
/// "help architect, build, and ship"), not a job outside software.
#[test]
fn architect_as_the_verb_of_a_duty_is_no_job() {
    check(&[
        (
            None,
            "Acme | Senior Full Stack Engineer | Remote\n\nWhat you'll do:\n- Architect, design, develop, test and deploy new features\n- Architect & Build: lead the move to the cloud",
            &["fullstack"],
            &["senior"],
        ),
        (
            None,
            "Acme | Backend Engineer | Remote\n\nYou will:\n- Help architect, build, and ship our core APIs.",
            &["backend"],
            &[],
        ),
        (None, "Acme | Remote\n\nWe're hiring:\n- Architect\n- Backend Engineer", &["backend", "other"], &[]),
    ]);
}

/// "Equity" alone in a first line is pay ("| $100k - $150k | Equity |"),
/// not a finance job; its compounds still name one ("Equity Research
/// Analyst", "Private Equity Associate").
#[test]
fn equity_in_a_first_line_is_pay_not_a_job() {
    check(&[
        (None, "Acme | Frontend Engineer | Full-time | Equity | Remote\n\nWe do loans.", &["frontend"], &[]),
        (None, "Acme | Senior Engineers | NYC | 100K - $150K | Equity\n\nWe do loans.", &["software"], &["senior"]),
        (None, "Acme | Equity Research Analyst | NYC\n\nWe do loans.", &["other"], &[]),
        (None, "Acme | Private Equity Associate | NYC\n\nWe do loans.", &["other"], &[]),
    ]);
}

/// A line or list item that opens with a refusal names who is not wanted
/// ("- No recruiters", "- No scrum masters", "(no agencies)").
#[test]
fn a_refusal_names_no_job() {
    check(&[
        (
            None,
            "Acme | Backend Engineer | Remote\n\nWe build APIs.\n\n- No scrum masters\n- No daily stand-ups",
            &["backend"],
            &[],
        ),
        (None, "Acme | Backend Engineer | Remote\n\nWe build APIs.\n\n* No recruiters (please)", &["backend"], &[]),
        (None, "Acme | Remote\n\nWe're hiring:\n- Backend Engineer\n- Product Designer", &["backend", "other"], &[]),
    ]);
}

/// A reply or remark in a hiring thread (no fields, no job, no sign of a
/// posting) offers no job; a comment that only links its careers page, or
/// says it is hiring, still offers one.
#[test]
fn a_remark_in_a_hiring_thread_offers_no_job() {
    check(&[
        (None, "AI is a buzzword.", &[], &[]),
        (None, "[flagged]", &[], &[]),
        (None, "I applied last month and haven't heard back yet...", &[], &[]),
        (None, "Here is a list of this month's posts with salaries: https://example.org/whoishiring", &[], &[]),
        (None, "Acme\n\nhttps://acme.example/careers", &["software"], &[]),
        (None, "Acme is still looking for people, see our page.", &["software"], &[]),
    ]);
}

/// Both sides named in any spelling, with the shared "end" said once or
/// twice ("front and backend", "frontend & back-end", "back-end and front
/// end"), are the work of both sides.
#[test]
fn both_sides_in_any_spelling_are_full_stack() {
    check(&[
        (
            None,
            "Acme | Software Engineer | Remote\n\nWe're looking for a software engineer that can do front and backend development.",
            &["fullstack"],
            &[],
        ),
        (None, "Acme | Software Engineer | Remote\n\nYou will own our frontend & back-end.", &["fullstack"], &[]),
        (None, "Acme | Software Engineer | Remote\n\nYou will build our back-end and front end.", &["fullstack"], &[]),
    ]);
}

/// In a hiring sentence a comma between adjectives goes on to the job
/// ("an ambitious, full-stack engineer", "a full time, senior Go
/// developer"); one before words that reach no job noun ends it ("smart,
/// creative, collaborative and fun people").
#[test]
fn a_comma_between_adjectives_goes_on_to_the_job() {
    check(&[
        (
            None,
            "Acme | Remote\n\nWe are seeking a full time, senior Go developer who can start soon.",
            &["backend"],
            &[],
        ),
        (
            None,
            "Acme | Remote\n\nWe are looking for an ambitious, full-stack engineer who wants ownership.",
            &["fullstack"],
            &[],
        ),
        (
            None,
            "Acme | Backend Engineer | Remote\n\nWe are looking for smart, creative, collaborative and fun people.",
            &["backend"],
            &[],
        ),
    ]);
}

/// "Operations" alone is the business's ("Head of Operations",
/// "Operations Lead"): a job outside software with no people-lead level;
/// with engineering or a speciality it is infrastructure ("Operations
/// Engineer", "Head of Cloud Operations").
#[test]
fn operations_alone_is_the_business() {
    check(&[
        (Some("Head of Operations"), GENERIC, &["other"], &[]),
        (Some("Growth Operations Lead"), GENERIC, &["other"], &["lead"]),
        (Some("Operations Engineer"), GENERIC, &["devops"], &[]),
        (Some("Director of Cloud Operations"), GENERIC, &["devops", "management"], &["manager"]),
        (Some("Head of Engineering Operations"), GENERIC, &["devops", "management"], &["manager"]),
    ]);
}

/// The full stop of an abbreviated level ("Sr.", "Jr.") does not end a
/// hiring clause's list, so the jobs after it are read.
#[test]
fn an_abbreviated_level_does_not_end_a_list() {
    check(&[
        (
            None,
            "Acme | Remote\n\nWe're hiring: Engineering Manager, Sr. Front-end Engineer, Sr. Back-end Engineer, QA Engineer. Talk to us!",
            &["backend", "frontend", "management", "qa"],
            &[],
        ),
        (None, "Acme | Remote\n\nWe are looking for a Jr. Data Analyst. Apply below.", &["data"], &[]),
    ]);
}

/// What a job is hired "to support", "to own" or "to design" is its work,
/// not other jobs: "a Data Analyst to support the VP Finance" is no finance
/// job, "an engineer to design APIs" no designer.
#[test]
fn an_infinitive_after_the_job_ends_its_phrase() {
    check(&[
        (
            None,
            "Acme | Remote\n\nWe're looking for a Senior Data Analyst to directly support the Director of Data, VP Finance, & VP Engineering.",
            &["data"],
            &[],
        ),
        (
            None,
            "Acme | Remote\n\nWe're looking for a software engineer to design and build public APIs for our customers.",
            &["backend"],
            &[],
        ),
    ]);
}

/// A list item's leading field of places before a spaced dash is no part
/// of its job: "- US-based (East Coast)/Poland, Remote - Android Engineer".
#[test]
fn a_list_items_place_field_before_its_job() {
    check(&[
        (
            None,
            "Acme | Remote | Full-time\n\nSeveral engineering and design roles, all fully remote:\n\n- US-based only, Remote - Senior Product Designer: https://jobs.lever.co/acme/1\n\n- US-based (East Coast)/Ukraine/Poland, Remote - Android Mobile Engineer: https://jobs.lever.co/acme/2\n\n- US-based (East Coast) only, Remote - Data Analyst: https://jobs.lever.co/acme/3",
            &["data", "mobile", "other"],
            &[],
        ),
        (
            None,
            "Acme | Remote | Full-time\n\nOpen roles:\n\n- Senior Backend Engineer, Remote - https://jobs.lever.co/acme/4",
            &["backend"],
            &[],
        ),
    ]);
}

/// "Need a" hires only when a hirer needs: "we also need a", "we're
/// growing and need a"; "apps need a backend" and "you need a degree" are
/// no openings.
#[test]
fn need_a_is_a_hire_only_when_the_hirer_needs() {
    check(&[
        (
            None,
            "Acme | Product Designer | NYC\n\nSophisticated apps need a backend, but today those backends are run by corporations.",
            &["other"],
            &[],
        ),
        (None, "Acme | Product Designer | NYC\n\nWe also need a data engineer.", &["data", "other"], &[]),
        (
            None,
            "Acme | Product Designer | NYC\n\nWe're growing fast and need an experienced backend engineer.",
            &["backend", "other"],
            &[],
        ),
    ]);
}

/// A bracket after a list item's speciality ("- Full Stack (hybrid)", "-
/// Infrastructure (All Levels)") is an aside: the speciality still names
/// the job before the dash.
#[test]
fn an_aside_after_a_list_items_speciality() {
    check(&[
        (
            None,
            "Acme | Remote\n\nCurrent openings:\n\n* Senior Software Engineer - Full Stack (hybrid, $200,000 - $250,000): https://x.example/1\n\n* Software Engineer - Infrastructure (All Levels): https://x.example/2",
            &["devops", "fullstack"],
            &[],
        ),
        (
            None,
            "Acme | Remote\n\nCurrent openings:\n\n* Senior Engineer - Build the stack behind our clinics (in Go): https://x.example/3",
            &["software"],
            &[],
        ),
    ]);
}

/// Names of one job joined by slashes: a vague one (a generic noun, a
/// language of both sides, "Platform") is the specific one's other name,
/// not a job of its own. Two specific names stay two jobs.
#[test]
fn a_vague_name_beside_a_specific_one_after_a_slash() {
    check(&[
        (None, "Acme | SRE / Platform / DevOps Engineer | Remote\n\nWe run trading systems.", &["devops"], &[]),
        (
            None,
            "Acme | Remote\n\nWe're looking for a Frontend/TypeScript Engineer that will help us build the user facing parts.",
            &["frontend"],
            &[],
        ),
        (None, "Acme | Python/React Developer | Remote\n\nWe sell boilers.", &["backend", "frontend"], &[]),
    ]);
}
