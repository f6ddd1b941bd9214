//! Times the dashboard's pure work natively for generated claims: the
//! competing-claims pass, all rows (`build_rows`) and the first selection
//! (by deadline, as the dashboard opens, and by name) and the notices of the
//! last 30 days, and the rows as the app keeps them (`RowCache`), for each N
//! given
//! (default 10,000 30,000 100,000). A figure for how it grows with N, not a
//! test; the browser's figures come from `scripts/bench`.
//!
//! ```sh
//! cargo run --release --example dashboard_rows --no-default-features -- 10000 30000 100000
//! ```

use std::time::Instant;

use cpor_desk::domain::competing::competing_ids;
use cpor_desk::domain::dashboard::{Query, RowCache, SortKey, build_rows, sample_claims, select};
use cpor_desk::domain::notices::notices;
use cpor_desk::domain::policy::Policy;

mod support;

fn main() {
    let sizes = support::sizes();
    let org = support::northwind();
    let now = support::fixed_now();
    println!(
        "claims\tcompeting pass ms\tall rows ms\tfirst selection ms\tby name ms\tnotices ms\tkept rows ms"
    );
    for n in sizes {
        let claims = sample_claims(n, &org, now);
        let started = Instant::now();
        let competing = competing_ids(&claims);
        let pass = started.elapsed();
        let started = Instant::now();
        let rows = build_rows(&claims, now, &Policy::default());
        let all = started.elapsed();
        assert_eq!(rows.len(), n);
        let started = Instant::now();
        let shown = select(&rows, &Query::default());
        let first = started.elapsed();
        assert_eq!(shown.len(), n);
        let by_name = Query {
            sort: SortKey::Name,
            ..Query::default()
        };
        let started = Instant::now();
        let shown = select(&rows, &by_name);
        let named = started.elapsed();
        assert_eq!(shown.len(), n);
        let started = Instant::now();
        let since = now.to_utc() - chrono::Duration::days(30);
        let notices = notices(&claims, &org.id, since, now, &Policy::default());
        let noticed = started.elapsed();
        // What the app does: the rows kept per claim (`RowCache`), each
        // claim advanced to now first.
        let policy = &Policy::builtin()[0];
        let started = Instant::now();
        let kept = RowCache::default().rows(&claims, now, policy);
        let cached = started.elapsed();
        assert_eq!(kept.len(), n);
        println!(
            "{n}\t{:.1}\t{:.1}\t{:.1}\t{:.1}\t{:.1}\t{:.1}\t({} competing, {} notices)",
            pass.as_secs_f64() * 1000.0,
            all.as_secs_f64() * 1000.0,
            first.as_secs_f64() * 1000.0,
            named.as_secs_f64() * 1000.0,
            noticed.as_secs_f64() * 1000.0,
            cached.as_secs_f64() * 1000.0,
            competing.len(),
            notices.len()
        );
    }
}
