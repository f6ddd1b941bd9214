//! Times the dashboard's pure work natively for generated claims: the
//! competing-claims pass, all rows (`build_rows`) and the first selection
//! (by deadline, as the dashboard opens, and by name), for each N given
//! (default 10,000 30,000 100,000). A figure for how it grows with N, not a
//! test; the browser's figures come from `scripts/bench`.
//!
//! ```sh
//! cargo run --release --example dashboard_rows --no-default-features -- 10000 30000 100000
//! ```

use std::time::Instant;

use cpor_desk::domain::competing::competing_ids;
use cpor_desk::domain::dashboard::{Query, SortKey, build_rows, sample_claims, select};
use cpor_desk::domain::policy::Policy;

mod support;

fn main() {
    let sizes = support::sizes();
    let org = support::northwind();
    let now = support::fixed_now();
    println!("claims\tcompeting pass ms\tall rows ms\tfirst selection ms\tby name ms");
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
        println!(
            "{n}\t{:.1}\t{:.1}\t{:.1}\t{:.1}\t({} competing)",
            pass.as_secs_f64() * 1000.0,
            all.as_secs_f64() * 1000.0,
            first.as_secs_f64() * 1000.0,
            named.as_secs_f64() * 1000.0,
            competing.len()
        );
    }
}
