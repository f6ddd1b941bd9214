//! The scenarios against a real CouchDB-compatible server: pouchdb-server
//! 4.2.0 (npm devDependency, installed by `npm ci` in scripts/setup),
//! started by the test on a free port with a fresh config file, in memory,
//! and killed at the end (also when a scenario fails: [`PouchServer`]'s
//! `Drop`). HTTP goes through a blocking `ureq` [`Transport`].
//!
//! If `node_modules/.bin/pouchdb-server` is missing, the test fails with a
//! message saying so (it never skips silently).

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use cpor_desk::storage::block_on;
use cpor_desk::sync::TransportError;
use cpor_desk::sync::transport::{Auth, Method, Request, Response, Transport, TransportFuture};

use super::harness::{Pair, Server, claim};
use super::scenarios;

const ADMIN: &str = "admin";
const PASSWORD: &str = "s3cret-for-tests";

/// A blocking HTTP transport (plain HTTP) for native tests.
pub struct UreqTransport {
    base: String,
    agent: ureq::Agent,
}

impl UreqTransport {
    pub fn new(base: &str) -> UreqTransport {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        UreqTransport {
            base: base.trim_end_matches('/').to_string(),
            agent,
        }
    }

    fn send(&self, req: Request) -> Result<Response, TransportError> {
        let mut builder = ureq::http::Request::builder()
            .method(req.method.as_str())
            .uri(format!("{}{}", self.base, req.path_and_query));
        for (k, v) in &req.headers {
            builder = builder.header(k, v);
        }
        let result = match req.body {
            Some(body) => self.run(builder.body(body), req.timeout),
            None => self.run(builder.body(()), req.timeout),
        };
        let mut resp = result.map_err(map_error)?;
        let status = resp.status().as_u16();
        let headers = resp
            .headers()
            .iter()
            .map(|(k, v)| {
                (
                    k.as_str().to_string(),
                    v.to_str().unwrap_or_default().to_string(),
                )
            })
            .collect();
        let body = resp
            .body_mut()
            .with_config()
            .limit(64 * 1024 * 1024)
            .read_to_vec()
            .map_err(map_error)?;
        Ok(Response {
            status,
            headers,
            body,
        })
    }

    fn run<S: ureq::AsSendBody>(
        &self,
        request: Result<ureq::http::Request<S>, ureq::http::Error>,
        timeout: Duration,
    ) -> Result<ureq::http::Response<ureq::Body>, ureq::Error> {
        let request = self
            .agent
            .configure_request(request?)
            .timeout_global(Some(timeout))
            .build();
        self.agent.run(request)
    }
}

fn map_error(e: ureq::Error) -> TransportError {
    match e {
        ureq::Error::Timeout(_) => TransportError::Timeout,
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => TransportError::Timeout,
        other => TransportError::Unreachable(other.to_string()),
    }
}

impl Transport for UreqTransport {
    fn request(&self, request: Request) -> TransportFuture<'_> {
        let result = self.send(request);
        Box::pin(async move { result })
    }
}

/// A running pouchdb-server; killed on drop.
pub struct PouchServer {
    child: Child,
    dir: PathBuf,
    transport: UreqTransport,
    base: String,
}

impl Drop for PouchServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

impl PouchServer {
    pub fn start() -> PouchServer {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let bin = root.join("node_modules/.bin/pouchdb-server");
        assert!(
            bin.exists(),
            "{} is missing: the sync integration test needs pouchdb-server 4.2.0 from npm \
             (package.json devDependencies). Run `npm ci` in {} (scripts/setup does).",
            bin.display(),
            root.display()
        );
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("a free port");
        let dir = std::env::temp_dir().join(format!("cpor-pouchdb-{}-{port}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        // A fresh config file each run: admins get written into it.
        let config = dir.join("config.json");
        std::fs::write(&config, "{}").expect("config file");
        let child = Command::new(&bin)
            .args([
                "--in-memory",
                "--host",
                "127.0.0.1",
                "--port",
                &port.to_string(),
                "--no-stdout-logs",
            ])
            .arg("--config")
            .arg(&config)
            .current_dir(&dir)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", bin.display()));
        let base = format!("http://127.0.0.1:{port}");
        let server = PouchServer {
            child,
            dir,
            transport: UreqTransport::new(&base),
            base,
        };
        server.wait_until_up();
        // End the admin party, so wrong credentials are refused.
        let resp = server.call(
            Method::Put,
            &format!("/_config/admins/{ADMIN}"),
            Some(format!("\"{PASSWORD}\"")),
            false,
        );
        assert!(
            resp.status < 300,
            "creating the admin: {}",
            String::from_utf8_lossy(&resp.body)
        );
        server
    }

    fn wait_until_up(&self) {
        let started = Instant::now();
        loop {
            let req = Request::new(Method::Get, "/", Duration::from_secs(2));
            if let Ok(resp) = block_on(self.transport.request(req))
                && resp.status == 200
            {
                return;
            }
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "pouchdb-server did not answer within 60 s"
            );
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    fn call(&self, method: Method, path: &str, body: Option<String>, admin: bool) -> Response {
        let mut req = Request::new(method, path, Duration::from_secs(30));
        if let Some(b) = body {
            req.headers
                .push(("content-type".into(), "application/json".into()));
            req.body = Some(b.into_bytes());
        }
        if admin && let Some(h) = self.auth().header() {
            req.headers.push(("authorization".into(), h));
        }
        block_on(self.transport.request(req)).expect("admin request")
    }
}

impl Server for PouchServer {
    fn transport(&self) -> &dyn Transport {
        &self.transport
    }
    fn url(&self) -> String {
        self.base.clone()
    }
    fn auth(&self) -> Auth {
        Auth::Basic {
            user: ADMIN.into(),
            password: PASSWORD.into(),
        }
    }
    fn create_db(&self, name: &str) {
        // As admin: an anonymous PUT crashes pouchdb-server 4.2.0 once an
        // admin exists.
        let resp = self.call(Method::Put, &format!("/{name}"), None, true);
        assert!(
            resp.status == 201 || resp.status == 412,
            "creating {name}: {}",
            resp.status
        );
    }
    fn reset_db(&self, name: &str) {
        let resp = self.call(Method::Delete, &format!("/{name}"), None, true);
        assert!(resp.status < 300, "deleting {name}: {}", resp.status);
        self.create_db(name);
    }
}

#[test]
fn scenarios_against_pouchdb_server() {
    let started = Instant::now();
    let server = PouchServer::start();
    let up = started.elapsed();
    let mut timings = vec![("start", up)];
    let mut time = |name: &'static str, f: &dyn Fn()| {
        let t = Instant::now();
        f();
        timings.push((name, t.elapsed()));
    };
    time("create and edit both ways", &|| {
        scenarios::create_and_edit_both_ways(&server, "cpor-p-create")
    });
    time("different fields merge", &|| {
        scenarios::different_fields_merge(&server, "cpor-p-merge")
    });
    time("same field conflict", &|| {
        scenarios::same_field_conflict_resolved(&server, "cpor-p-conflict")
    });
    time("server-side conflicts", &|| {
        scenarios::server_side_conflicts(&server, "cpor-p-leaves")
    });
    time("both record the conflict, one resolves", &|| {
        scenarios::both_record_the_conflict_one_resolves(&server, "cpor-p-both")
    });
    time("delete versus edit", &|| {
        scenarios::delete_versus_edit(&server, "cpor-p-delete")
    });
    time("edit versus local delete", &|| {
        scenarios::edit_versus_local_delete(&server, "cpor-p-delete2")
    });
    time("10 MB attachment", &|| {
        scenarios::large_attachment_round_trip(&server, "cpor-p-file")
    });
    time("checkpoint loss", &|| {
        scenarios::checkpoint_loss(&server, "cpor-p-checkpoint")
    });
    time("server reset", &|| {
        scenarios::server_reset(&server, "cpor-p-reset")
    });
    time("wrong password", &|| {
        let mut p = Pair::new(&server, "cpor-p-auth");
        p.auth = Auth::Basic {
            user: ADMIN.into(),
            password: "wrong".into(),
        };
        scenarios::wrong_password(&p);
    });
    time("long poll", &|| {
        let p = Pair::new(&server, "cpor-p-live");
        p.sync_ok(&p.b);
        let t = Instant::now();
        assert_eq!(p.wait(&p.b), Ok(false), "ended by the client's timer");
        // The client's 800 ms timer ended it (pouchdb-server ignores
        // `timeout` and would hold the request until a change): a bound far
        // above the timer, so a loaded CI machine cannot fail it.
        assert!(t.elapsed() < Duration::from_secs(20), "{:?}", t.elapsed());
        p.save(&p.a, claim("c1"));
        p.sync_ok(&p.a);
        assert_eq!(p.wait(&p.b), Ok(true));
    });
    let total = started.elapsed();
    for (name, d) in &timings {
        eprintln!("pouchdb-server: {name}: {:.2} s", d.as_secs_f64());
    }
    eprintln!("pouchdb-server: total {:.2} s", total.as_secs_f64());
}
