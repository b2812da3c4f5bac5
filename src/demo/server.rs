//! A small static web server on 127.0.0.1 (an ephemeral port) that serves
//! a set of files from memory: the bundled demo board, and the fixture
//! sites of the tests.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::{Arc, Mutex};

use anyhow::{Context, Result};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use axum::response::Response;

/// Files by URL path (`/jobs/index.html`).
#[derive(Debug, Clone, Default)]
pub struct StaticSite {
    files: HashMap<String, (Vec<u8>, &'static str)>,
}

/// The Content-Type of a file name.
pub fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" | "htm" => "text/html; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "rss" => "application/rss+xml",
        "atom" => "application/atom+xml",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

impl StaticSite {
    /// A site from files embedded with `include_dir!`.
    pub fn from_embedded(dir: &include_dir::Dir<'_>) -> StaticSite {
        let mut site = StaticSite::default();
        fn walk(dir: &include_dir::Dir<'_>, site: &mut StaticSite) {
            for f in dir.files() {
                let path = f.path().to_string_lossy().replace('\\', "/");
                site.insert(&format!("/{path}"), f.contents().to_vec());
            }
            for d in dir.dirs() {
                walk(d, site);
            }
        }
        walk(dir, &mut site);
        site
    }

    /// A site from a directory on disk.
    pub fn from_disk(root: &Path) -> Result<StaticSite> {
        let mut site = StaticSite::default();
        let mut stack = vec![root.to_path_buf()];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).with_context(|| format!("cannot read {}", dir.display()))? {
                let path = entry?.path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    let rel = path.strip_prefix(root)?.to_string_lossy().replace('\\', "/");
                    site.insert(&format!("/{rel}"), std::fs::read(&path)?);
                }
            }
        }
        Ok(site)
    }

    /// Adds or replaces a file.
    pub fn insert(&mut self, path: &str, bytes: Vec<u8>) {
        self.files.insert(path.to_string(), (bytes, content_type(path)));
    }

    /// Number of files.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// The file a URL path names (`/jobs/` is `/jobs/index.html`).
    pub fn lookup(&self, path: &str) -> Option<&(Vec<u8>, &'static str)> {
        let path = path.split('?').next().unwrap_or(path);
        if path.ends_with('/') {
            self.files.get(&format!("{path}index.html"))
        } else {
            self.files.get(path).or_else(|| self.files.get(&format!("{path}/index.html")))
        }
    }
}

/// A running server; it stops when dropped.
#[derive(Debug)]
pub struct Running {
    pub addr: SocketAddr,
    task: tokio::task::JoinHandle<()>,
    log: Arc<Mutex<Vec<String>>>,
}

impl Running {
    /// Every path (with query) requested so far, in order.
    pub fn requests(&self) -> Vec<String> {
        self.log.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// The base URL, e.g. `http://127.0.0.1:41234`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Serves a site on 127.0.0.1 at an ephemeral port (query strings are part
/// of the file name: `/jobs?page=2` looks up `/jobs?page=2` first).
pub async fn serve(site: StaticSite) -> Result<Running> {
    let site = Arc::new(site);
    let log: Arc<Mutex<Vec<String>>> = Arc::default();
    let app_log = log.clone();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.context("cannot listen on 127.0.0.1")?;
    let addr = listener.local_addr()?;
    let app = axum::Router::new().fallback(move |req: Request<Body>| {
        let (site, log) = (site.clone(), app_log.clone());
        async move {
            let full = req.uri().path_and_query().map_or("/", |p| p.as_str()).to_string();
            log.lock().unwrap_or_else(|e| e.into_inner()).push(full.clone());
            let found = site.files.get(&full).or_else(|| site.lookup(req.uri().path()));
            match found {
                Some((bytes, mime)) => Response::builder()
                    .header(header::CONTENT_TYPE, *mime)
                    .body(Body::from(bytes.clone()))
                    .unwrap_or_default(),
                None => {
                    Response::builder().status(StatusCode::NOT_FOUND).body(Body::from("not found")).unwrap_or_default()
                }
            }
        }
    });
    let task = tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    Ok(Running { addr, task, log })
}
