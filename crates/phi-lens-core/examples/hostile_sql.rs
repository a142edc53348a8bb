//! Time and peak memory of the SQL resolver on hostile statements of up to ≈ 1 MB, each on a
//! thread with wasm's 1 MB stack, each case in a process of its own (peak memory is the
//! process's `VmHWM`, Linux only).
//!
//! `cargo run --release -p phi-lens-core --example hostile_sql` (all cases, a table), or
//! `… --example hostile_sql -- CASE` (one).

use std::time::Instant;

use phi_lens_core::sql::{resolve, Dialect, Relations};

/// `t` with columns a, b, c and c0…c49 (complete).
struct Table(Vec<String>);

impl Relations for Table {
    fn find(&self, parts: &[String]) -> Option<usize> {
        (parts.last().map(String::as_str) == Some("t")).then_some(0)
    }
    fn columns(&self, _: usize) -> Option<(&[String], bool)> {
        Some((&self.0, true))
    }
    fn display(&self, _: usize) -> String {
        "t".into()
    }
}

fn list(n: usize, item: impl Fn(usize) -> String, sep: &str) -> String {
    (0..n).map(item).collect::<Vec<_>>().join(sep)
}

/// A case's SQL, built only in the process that runs it (peak memory is the case's own).
type Build = Box<dyn Fn() -> String>;

/// The cases: (name, SQL).
fn cases() -> Vec<(&'static str, Build)> {
    vec![
        (
            "10,000 parentheses",
            Box::new(|| format!("select {}a{} as x from t", "(".repeat(10_000), ")".repeat(10_000))),
        ),
        (
            "5,000 CASE arms",
            Box::new(|| {
                format!("select case{} else c end as x from t", list(5_000, |i| format!(" when a = {i} then b"), ""))
            }),
        ),
        (
            "5,000 nested CASEs",
            Box::new(|| {
                format!("select {}c{} as x from t", "case when a = 1 then b else ".repeat(5_000), " end".repeat(5_000))
            }),
        ),
        ("5 MB statement", Box::new(|| format!("select {} from t", vec!["a"; 2_600_000].join(",")))),
        ("20,000 `is null`", Box::new(|| format!("select a{} as x from t", " is null".repeat(20_000)))),
        ("20,000 `::int`", Box::new(|| format!("select a{} as x from t", "::int".repeat(20_000)))),
        ("20,000 `at time zone`", Box::new(|| format!("select a{} as x from t", " at time zone 'utc'".repeat(20_000)))),
        ("4,000 UNION ALL", Box::new(|| list(4_000, |i| format!("select a, {i} as n from t"), " union all "))),
        (
            "40 CTEs of `*, *`",
            Box::new(|| {
                format!(
                    "with a0 as (select a from t){} select * from a39",
                    list(
                        40,
                        |i| if i == 0 { String::new() } else { format!(", a{i} as (select *, * from a{})", i - 1) },
                        ""
                    )
                )
            }),
        ),
        (
            "4,900 CTEs in a chain",
            Box::new(|| {
                format!(
                    "with a0 as (select a from t){} select * from a4899",
                    list(
                        4_900,
                        |i| if i == 0 { String::new() } else { format!(", a{i} as (select a from a{})", i - 1) },
                        ""
                    )
                )
            }),
        ),
        (
            "IN list of 45,000",
            Box::new(|| format!("select a in ({}) as x from t", list(45_000, |i| i.to_string(), ","))),
        ),
        (
            "2,500 joins",
            Box::new(|| {
                format!(
                    "select t0.a from t t0{}",
                    list(2_500, |i| format!(" join t t{} on t{}.a = t0.a", i + 1, i + 1), "")
                )
            }),
        ),
        (
            "union by name, 2 × 10,000 columns",
            Box::new(|| {
                format!(
                    "select {} from t union all by name select {} from t",
                    list(10_000, |i| format!("a as c{i}"), ","),
                    list(10_000, |i| format!("a as d{i}"), ",")
                )
            }),
        ),
        ("19,000 function calls", Box::new(|| format!("select {} from t", vec!["f(a)"; 19_000].join(",")))),
        ("4,900 scalar subqueries", Box::new(|| format!("select {} from t", vec!["(select 1)"; 4_900].join(",")))),
        ("window defined by itself", Box::new(|| "select sum(a) over w as x from t window w as (w)".to_string())),
    ]
}

fn peak_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn run_one(name: &str) {
    let Some((_, build)) = cases().into_iter().find(|(n, _)| *n == name) else {
        eprintln!("no case {name}");
        std::process::exit(2);
    };
    let sql = build();
    let len = sql.len();
    let columns: Vec<String> =
        ["a", "b", "c"].iter().map(|s| s.to_string()).chain((0..50).map(|i| format!("c{i}"))).collect();
    let start = Instant::now();
    let outcome = std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(move || match resolve(&sql, Dialect::DuckDb, &Table(columns)) {
            Ok(cols) => format!("resolved, {} columns", cols.len()),
            Err(reason) => reason.to_string(),
        })
        .map(|h| h.join());
    let ms = start.elapsed().as_secs_f64() * 1e3;
    let outcome = match outcome {
        Ok(Ok(o)) => o,
        _ => "THE THREAD DIED".to_string(),
    };
    let peak = peak_kb().map_or_else(|| "n/a".to_string(), |kb| format!("{:.0} MB", kb as f64 / 1024.0));
    println!("| {name} | {:.2} MB | {ms:.0} ms | {peak} | {outcome} |", len as f64 / 1e6);
}

fn main() {
    if let Some(name) = std::env::args().nth(1) {
        run_one(&name);
        return;
    }
    println!("| case | SQL | time | peak memory | outcome |\n|---|---|---|---|---|");
    let Ok(me) = std::env::current_exe() else { return };
    for (name, _) in cases() {
        let status = std::process::Command::new(&me).arg(name).status();
        if !status.as_ref().is_ok_and(|s| s.success()) {
            println!("| {name} | | | | THE PROCESS DIED ({status:?}) |");
        }
    }
}
