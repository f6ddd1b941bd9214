//! Times, natively, the per-claim work behind the browser figures of
//! `scripts/bench` for generated claims, for each N given (default 10,000
//! 30,000 100,000): reading an export file in 256 KiB slices
//! (`ExportReader`: scan, parse, intake check), encoding and decoding the
//! stored records (`encode_claim`, `migrate_claim_record`: what an import
//! writes and the storage load reads) and the CSV export of all claims. A
//! figure for how each grows with N, not a test.
//!
//! ```sh
//! cargo run --release --example import_costs --no-default-features -- 10000 30000 100000
//! ```

use std::time::Instant;

use cpor_desk::domain::bulk::claims_to_csv;
use cpor_desk::domain::claim::Claim;
use cpor_desk::domain::dashboard::sample_claims;
use cpor_desk::domain::intake;
use cpor_desk::domain::policy::Policy;
use cpor_desk::storage::import::ExportReader;
use cpor_desk::storage::{encode_claim, migrate_claim_record};

fn ms(started: Instant) -> f64 {
    started.elapsed().as_secs_f64() * 1000.0
}

mod support;

fn main() {
    let sizes = support::sizes();
    let org = support::northwind();
    let now = support::fixed_now();
    let policy = Policy::default();
    println!(
        "claims\tfile MB\tread+check ms\tof it parse ms\tof it intake check ms\tencode ms\tdecode ms\tCSV export ms"
    );
    for n in sizes {
        let claims = sample_claims(n, &org, now);
        let file = serde_json::json!({
            "format": "cpor-desk-export",
            "schemaVersion": 1,
            "claims": claims,
        })
        .to_string();
        let started = Instant::now();
        let mut reader = ExportReader::new(file.len() as u64, &policy).expect("a reader");
        for chunk in file.as_bytes().chunks(256 * 1024) {
            reader.feed(chunk).expect("read");
        }
        let (batch, report, _) = reader.finish().expect("finished");
        let read = ms(started);
        assert_eq!(batch.claims.len() + report.quarantined, n);
        let started = Instant::now();
        let records: Vec<String> = batch.claims.iter().map(encode_claim).collect();
        let encode = ms(started);
        let started = Instant::now();
        let decoded = records
            .iter()
            .filter(|r| migrate_claim_record(r).is_ok())
            .count();
        let decode = ms(started);
        assert_eq!(decoded, records.len());
        let texts: Vec<String> = claims
            .iter()
            .map(|c| serde_json::to_string(c).unwrap_or_default())
            .collect();
        let started = Instant::now();
        let parsed: Vec<Claim> = texts
            .iter()
            .filter_map(|t| serde_json::from_str(t).ok())
            .collect();
        let parse = ms(started);
        let started = Instant::now();
        let checked = parsed
            .into_iter()
            .filter(|c| intake::check_claim(c.clone(), &policy).is_ok())
            .count();
        let check = ms(started);
        let started = Instant::now();
        let csv = claims_to_csv(&claims, now, &policy);
        let export = ms(started);
        println!(
            "{n}\t{:.1}\t{read:.1}\t{parse:.1}\t{check:.1}\t{encode:.1}\t{decode:.1}\t{export:.1}\t({} claims read, {} quarantined, {checked} pass the check, CSV {:.1} MB)",
            file.len() as f64 / 1e6,
            batch.claims.len(),
            report.quarantined,
            csv.len() as f64 / 1e6
        );
    }
}
