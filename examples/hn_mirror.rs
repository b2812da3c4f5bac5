//! A local mirror of the Algolia HN API (`search_by_date`, `items/{id}`)
//! over a directory of recorded "Who is hiring?" threads, for validating
//! the `hn` source at scale (see benches/hn_eval.py).
//!
//!     cargo run --release --example hn_mirror -- DIR
//!
//! DIR holds `index.json` (`{"YYYY-MM": {story_id, title, created_at}}`) and
//! one `YYYY-MM.jsonl` per month (`{id, created_at, text}` per top-level
//! comment). Prints the base URL on its first line, then serves until killed.

use std::io::{BufRead, Write};
use std::path::PathBuf;

use anyhow::{Context, Result};
use serde_json::{Value, json};
use skilltrend::demo::server::{StaticSite, serve};

fn unix(ts: &str) -> i64 {
    chrono::DateTime::parse_from_rfc3339(ts).map(|t| t.timestamp()).unwrap_or(0)
}

fn main() -> Result<()> {
    let dir = PathBuf::from(std::env::args().nth(1).context("usage: hn_mirror DIR")?);
    let index: serde_json::Map<String, Value> =
        serde_json::from_str(&std::fs::read_to_string(dir.join("index.json")).context("index.json")?)?;
    let mut site = StaticSite::default();
    let mut hits = Vec::new();
    let mut comments = 0usize;
    for (month, story) in &index {
        let id = story["story_id"].as_i64().context("story_id")?;
        let created = story["created_at"].as_str().unwrap_or_default();
        let title = story["title"].as_str().unwrap_or_default();
        hits.push(json!({"created_at": created, "title": title, "author": "whoishiring", "objectID": id.to_string(),
                         "created_at_i": unix(created), "_tags": ["story", "author_whoishiring", format!("story_{id}")]}));
        let file = std::fs::File::open(dir.join(format!("{month}.jsonl"))).with_context(|| format!("{month}.jsonl"))?;
        let mut children = Vec::new();
        for line in std::io::BufReader::new(file).lines() {
            let c: Value = serde_json::from_str(&line?)?;
            let at = c["created_at"].as_str().unwrap_or_default().to_string();
            children.push(json!({"id": c["id"], "created_at": at, "created_at_i": unix(&at), "type": "comment",
                                 "author": "hn-user", "text": c["text"], "parent_id": id, "story_id": id, "children": []}));
        }
        comments += children.len();
        let item = json!({"id": id, "created_at": created, "created_at_i": unix(created), "type": "story",
                          "author": "whoishiring", "title": title, "text": null, "children": children});
        site.insert(&format!("/items/{id}"), serde_json::to_vec(&item)?);
    }
    hits.reverse();
    let search = json!({"hits": hits, "nbHits": hits.len(), "page": 0, "nbPages": 1, "hitsPerPage": 1000});
    site.insert("/search_by_date?tags=story,author_whoishiring&hitsPerPage=1000", serde_json::to_vec(&search)?);
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build()?;
    rt.block_on(async {
        let running = serve(site).await?;
        println!("{}", running.base_url());
        eprintln!("mirroring {} threads, {comments} comments", index.len());
        std::io::stdout().flush()?;
        std::future::pending::<()>().await;
        Ok(())
    })
}
