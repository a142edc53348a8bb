#![allow(clippy::unwrap_used, clippy::expect_used)] // A test harness: it fails loudly.
//! Fuzzing on stable Rust: the artifact reader (manifest and catalog bytes, plain or gzipped →
//! `load_project`, `compiled_sql`, `column_lineage`) and the SQL resolver (SQL → columns), fed
//! inputs a small deterministic mutator derives from the repository's own SQL and artifacts.
//!
//! `fuzz` runs for `PHI_LENS_FUZZ_SECONDS` (default 3; `scripts/test` gives it 25) from the seed
//! `PHI_LENS_FUZZ_SEED` (default: the clock, printed). The inputs run in a child process (this
//! test binary again), each on a thread with wasm's 1 MB stack (4 MB unoptimised), after being
//! written to a file: a panic, a stack overflow, an abort or an input that runs longer than
//! `PHI_LENS_FUZZ_HANG_SECONDS` (default 60) kills the child, and the parent keeps that input
//! in `tests/data/fuzz_regressions/` and fails. `fuzz_regressions` replays every input kept
//! there, so each one the fuzzer ever crashed on stays a test.

use std::io::{Seek, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

use phi_lens_core::columns::{column_lineage, compiled_sql};
use phi_lens_core::sql::{resolve, Dialect, Relations};
use phi_lens_core::{load_project, ArtifactKind, ArtifactSet, Input};

const CHILD: &str = "PHI_LENS_FUZZ_CHILD";

fn data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data")
}

fn regressions() -> PathBuf {
    data().join("fuzz_regressions")
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.trim().parse().ok()).unwrap_or(default)
}

// ---- targets -------------------------------------------------------------------------------

/// One input: what it is fed to, and its bytes.
#[derive(Debug, Clone, PartialEq)]
enum Target {
    /// Compiled SQL of a dialect, resolved against [`Tables`].
    Sql(Dialect),
    /// A manifest (gzipped when the name ends in `.gz`), loaded and its columns resolved.
    Manifest,
    /// A catalog beside the demo's manifest.
    Catalog,
}

const DIALECTS: [Dialect; 7] = [
    Dialect::Snowflake,
    Dialect::BigQuery,
    Dialect::Postgres,
    Dialect::Redshift,
    Dialect::Databricks,
    Dialect::DuckDb,
    Dialect::Trino,
];

impl Target {
    /// The regression file's name stem and extension.
    fn file_parts(&self, gz: bool) -> (String, &'static str) {
        match self {
            Target::Sql(d) => (format!("sql-{}", d.as_str()), "sql"),
            Target::Manifest => ("manifest".into(), if gz { "json.gz" } else { "json" }),
            Target::Catalog => ("catalog".into(), if gz { "json.gz" } else { "json" }),
        }
    }

    /// The target a regression file is for.
    fn of_file(name: &str) -> Option<Target> {
        if let Some(rest) = name.strip_prefix("sql-") {
            let dialect = rest.split('-').next()?;
            return DIALECTS.into_iter().find(|d| d.as_str() == dialect).map(Target::Sql);
        }
        if name.starts_with("manifest-") {
            return Some(Target::Manifest);
        }
        name.starts_with("catalog-").then_some(Target::Catalog)
    }
}

/// Three relations: `t` (columns a, b, c, complete), `u` (a, d, documented only) and `v`
/// (columns unknown).
struct Tables {
    t: Vec<String>,
    u: Vec<String>,
}

impl Relations for Tables {
    fn find(&self, parts: &[String]) -> Option<usize> {
        ["t", "u", "v"].iter().position(|n| parts.last().is_some_and(|p| p == n))
    }
    fn columns(&self, relation: usize) -> Option<(&[String], bool)> {
        match relation {
            0 => Some((&self.t, true)),
            1 => Some((&self.u, false)),
            _ => None,
        }
    }
    fn display(&self, relation: usize) -> String {
        ["t", "u", "v"].get(relation).unwrap_or(&"?").to_string()
    }
}

/// Runs one input on a small stack. Every outcome is fine but a crash or a hang.
fn run(target: &Target, name: &str, bytes: Vec<u8>) {
    let stack = if cfg!(debug_assertions) { 4 << 20 } else { 1 << 20 };
    let target = target.clone();
    let name = name.to_string();
    let job = move || match target {
        Target::Sql(dialect) => {
            let sql = String::from_utf8_lossy(&bytes);
            let tables = Tables { t: vec!["a".into(), "b".into(), "c".into()], u: vec!["a".into(), "d".into()] };
            let _ = resolve(&sql, dialect, &tables).map(|cols| cols.iter().map(|c| c.deps.values.len()).sum::<usize>());
        }
        Target::Manifest => {
            let mut set = ArtifactSet::default();
            set.insert(ArtifactKind::Manifest, Input::new(name, bytes));
            artifacts(&set);
        }
        Target::Catalog => {
            let mut set = ArtifactSet::default();
            let manifest = std::fs::read(demo().join("manifest.json")).unwrap();
            set.insert(ArtifactKind::Manifest, Input::new("manifest.json", manifest));
            set.insert(ArtifactKind::Catalog, Input::new(name, bytes));
            artifacts(&set);
        }
    };
    let handle = std::thread::Builder::new().stack_size(stack).spawn(job).unwrap();
    if handle.join().is_err() {
        panic!("the input panicked");
    }
}

/// The reader's whole path: load, read the SQL, resolve every model.
fn artifacts(set: &ArtifactSet) {
    let loaded = load_project(set);
    let sql = compiled_sql(set);
    if let (Ok(loaded), Ok(sql)) = (loaded, sql) {
        let lineage = column_lineage(&loaded.project, &sql);
        assert_eq!(lineage.models.iter().filter(|m| m.parsed == m.error.is_some()).count(), 0);
    }
}

fn demo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/clinic/target")
}

// ---- seeds and mutations -------------------------------------------------------------------

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Pieces of SQL a mutation may insert: operators the parser chains in a loop, nesting,
/// clauses, and the constructs the resolver handles specially.
const SQL_WORDS: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ";",
    "'",
    "\"",
    "`",
    "--",
    "/*",
    "*/",
    "{{",
    "::int",
    ":b",
    ".b",
    "[1]",
    " is null",
    " is not distinct from a",
    " at time zone 'utc'",
    " collate \"c\"",
    " like 'x'",
    " in (1, 2)",
    " between 1 and 2",
    " + a",
    " || b",
    " and ",
    " or ",
    " not ",
    "-",
    "case when a then b else c end",
    "case when a then ",
    " end",
    "(select a from t)",
    "select * from t",
    " union all select ",
    " union all by name ",
    " except ",
    " intersect ",
    "with w as (select a from t) ",
    "with recursive r as (select 1 as n union all select n + 1 from r) ",
    " over w",
    " window w as (w)",
    " window w as (partition by a)",
    " over (partition by a order by b)",
    "*",
    " * exclude (a)",
    " * replace (b as a)",
    " * rename (a as z)",
    "t.*",
    " from t",
    " from u",
    " from v",
    " join u using (a)",
    " join v on v.x = t.a",
    " natural join u",
    " lateral (select t.a)",
    ", unnest(array[a]) as x(y)",
    " lateral view explode(a) e as x",
    ", lateral flatten(input => a) f",
    " pivot (sum(a) for b in (1, 2))",
    " unpivot (v for k in (a, b))",
    " qualify row_number() over (order by a) = 1",
    " group by 1",
    " order by a",
    "md5(a)",
    "count(*)",
    "sum(a) filter (where b)",
    "date_trunc('month', a)",
    "extract(year from a)",
    "coalesce(a, b)",
    "x -> x + 1",
    "struct(a, b)",
    "map {'k': a}",
    "a:b::string",
    "$1",
    "?",
    "@x",
    "\u{0}",
    "é",
    "\u{feff}",
];

/// Pieces of JSON a mutation may insert.
const JSON_WORDS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\"",
    "null",
    "true",
    "1e999",
    "-0",
    "\"\\u0000\"",
    "\"\\ud800\"",
    "{\"a\": 1}",
    "[[[[[[[[[[",
    "]]]]]]]]]]",
    "\"nodes\"",
    "\"sources\"",
    "\"resource_type\": \"model\"",
    "\"compiled_code\": ",
    "\"select * from t\"",
    "\"depends_on\": {\"nodes\": [\"x\"]}",
    "\"columns\": {}",
    "\"metadata\"",
    "\"adapter_type\": \"snowflake\"",
    "\"dbt_schema_version\": \"https://schemas.getdbt.com/dbt/manifest/v99.json\"",
];

fn sql_seeds() -> Vec<Vec<u8>> {
    let mut seeds = Vec::new();
    let dir = data().join("column_lineage");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    for f in files.iter().filter(|f| f.extension().is_some_and(|e| e == "sql")) {
        let text = std::fs::read_to_string(f).unwrap();
        for case in text.split("-- case:").skip(1) {
            seeds.push(case.lines().filter(|l| !l.starts_with("-- ")).collect::<Vec<_>>().join("\n").into_bytes());
        }
    }
    let mut set = ArtifactSet::default();
    set.insert(
        ArtifactKind::Manifest,
        Input::new("manifest.json", std::fs::read(demo().join("manifest.json")).unwrap()),
    );
    seeds.extend(compiled_sql(&set).unwrap().models.into_iter().map(|(_, s)| s.into_bytes()));
    seeds.push(b"select a, b as x, md5(c) from t".to_vec());
    seeds
}

fn artifact_seeds() -> Vec<(Target, Vec<u8>)> {
    let mut seeds = vec![
        (Target::Manifest, std::fs::read(demo().join("manifest.json")).unwrap()),
        (Target::Catalog, std::fs::read(demo().join("catalog.json")).unwrap()),
    ];
    let broken = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/broken");
    let mut files: Vec<PathBuf> = std::fs::read_dir(broken).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    for f in files.iter().filter(|f| f.extension().is_some_and(|e| e == "json")) {
        seeds.push((Target::Manifest, std::fs::read(f).unwrap()));
    }
    seeds
}

/// One to four mutations: cut, copy, repeat a short piece up to thousands of times (deep
/// nesting and long chains), insert a dictionary word, flip a byte, splice another seed.
fn mutate(rng: &mut Rng, input: &[u8], words: &[&str], other: &[u8], max_len: usize) -> Vec<u8> {
    let mut out = input.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(out.len() + 1);
        match rng.below(8) {
            0 if !out.is_empty() => {
                let end = (at + 1 + rng.below(64)).min(out.len());
                out.drain(at.min(end)..end);
            }
            1 => {
                let start = rng.below(out.len());
                let end = (start + 1 + rng.below(200)).min(out.len());
                let piece = out[start.min(end)..end].to_vec();
                out.splice(at..at, piece);
            }
            2 => {
                let word = rng.pick(words).as_bytes();
                let times = [2, 10, 100, 1_000, 10_000][rng.below(5)];
                let piece = word.repeat(times);
                out.splice(at..at, piece);
            }
            3 if !out.is_empty() => {
                let i = rng.below(out.len());
                out[i] = (rng.next() & 0xff) as u8;
            }
            4 if !other.is_empty() => {
                let start = rng.below(other.len());
                let end = (start + 1 + rng.below(400)).min(other.len());
                out.splice(at..at, other[start..end].iter().copied());
            }
            _ => {
                let word = rng.pick(words).as_bytes().to_vec();
                out.splice(at..at, word);
            }
        }
        out.truncate(max_len);
    }
    out
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

// ---- the child: inputs until the deadline ----------------------------------------------------

/// The file each input is written to before it runs: `TARGET NAME\n` then the bytes.
fn write_pending(file: &mut std::fs::File, target: &Target, name: &str, bytes: &[u8]) {
    file.set_len(0).unwrap();
    file.rewind().unwrap();
    let head = match target {
        Target::Sql(d) => format!("sql {} {name}\n", d.as_str()),
        Target::Manifest => format!("manifest - {name}\n"),
        Target::Catalog => format!("catalog - {name}\n"),
    };
    file.write_all(head.as_bytes()).unwrap();
    file.write_all(bytes).unwrap();
    file.flush().unwrap();
}

fn child(seed: u64, seconds: u64, pending: &Path) {
    let mut rng = Rng(seed | 1);
    let sql = sql_seeds();
    let arts = artifact_seeds();
    let mut file = std::fs::File::create(pending).unwrap();
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let (mut n_sql, mut n_art) = (0usize, 0usize);
    while Instant::now() < deadline {
        if rng.below(4) > 0 {
            let (base, other) = (rng.below(sql.len()), rng.below(sql.len()));
            let input = mutate(&mut rng, &sql[base], SQL_WORDS, &sql[other], 1_200_000);
            let target = Target::Sql(*rng.pick(&DIALECTS));
            write_pending(&mut file, &target, "model.sql", &input);
            run(&target, "model.sql", input);
            n_sql += 1;
        } else {
            let (base, other) = (rng.below(arts.len()), rng.below(arts.len()));
            let target = arts[base].0.clone();
            let mut input = mutate(&mut rng, &arts[base].1, JSON_WORDS, &arts[other].1, 4_000_000);
            let gz = rng.below(4) == 0;
            if gz {
                input = gzip(&input);
                if rng.below(3) == 0 {
                    input = mutate(&mut rng, &input, &["\u{0}", "\u{1f}\u{8b}"], &[], 4_000_000);
                }
            }
            let name = match (&target, gz) {
                (Target::Catalog, false) => "catalog.json",
                (Target::Catalog, true) => "catalog.json.gz",
                (_, false) => "manifest.json",
                (_, true) => "manifest.json.gz",
            };
            write_pending(&mut file, &target, name, &input);
            run(&target, name, input);
            n_art += 1;
        }
    }
    file.set_len(0).unwrap();
    println!("fuzz: {n_sql} SQL inputs, {n_art} artifact inputs in {seconds} s (seed {seed})");
}

// ---- the parent: watch the child, keep what killed it --------------------------------------

/// Keeps the pending input as a regression file; returns its path.
fn keep(pending: &Path) -> Option<PathBuf> {
    let bytes = std::fs::read(pending).ok()?;
    let newline = bytes.iter().position(|&b| b == b'\n')?;
    let head = String::from_utf8_lossy(&bytes[..newline]).to_string();
    let body = &bytes[newline + 1..];
    let mut words = head.split(' ');
    let (kind, dialect, name) = (words.next()?, words.next()?, words.next()?);
    let target = match kind {
        "sql" => Target::Sql(*DIALECTS.iter().find(|d| d.as_str() == dialect)?),
        "manifest" => Target::Manifest,
        _ => Target::Catalog,
    };
    use sha2::Digest;
    let hash: String = sha2::Sha256::digest(body).iter().take(6).map(|b| format!("{b:02x}")).collect();
    let (stem, ext) = target.file_parts(name.ends_with(".gz"));
    std::fs::create_dir_all(regressions()).ok()?;
    let path = regressions().join(format!("{stem}-{hash}.{ext}"));
    std::fs::write(&path, body).ok()?;
    Some(path)
}

#[test]
fn fuzz() {
    let seconds = env_number("PHI_LENS_FUZZ_SECONDS", 3);
    let seed = env_number(
        "PHI_LENS_FUZZ_SEED",
        SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map_or(1, |d| d.as_nanos() as u64),
    );
    if let Some(pending) = std::env::var_os(CHILD) {
        child(seed, seconds, Path::new(&pending));
        return;
    }
    let pending = std::env::temp_dir().join(format!("phi-lens-fuzz-{}-{seed}.input", std::process::id()));
    let hang = Duration::from_secs(env_number("PHI_LENS_FUZZ_HANG_SECONDS", 60));
    let mut process = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "fuzz", "--nocapture", "--test-threads=1"])
        .env(CHILD, &pending)
        .env("PHI_LENS_FUZZ_SEED", seed.to_string())
        .env("PHI_LENS_FUZZ_SECONDS", seconds.to_string())
        .stdout(Stdio::inherit())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    eprintln!("fuzz: seed {seed}, {seconds} s (PHI_LENS_FUZZ_SEED={seed} to run it again)");
    let (mut last, mut last_change) = (None, Instant::now());
    let failure = loop {
        if let Some(status) = process.try_wait().unwrap() {
            if status.success() {
                break None;
            }
            let mut err = String::new();
            if let Some(mut e) = process.stderr.take() {
                use std::io::Read;
                let _ = e.read_to_string(&mut err);
            }
            let tail: String =
                err.lines().rev().take(12).collect::<Vec<_>>().into_iter().rev().collect::<Vec<_>>().join("\n");
            break Some(format!("the child died ({status}):\n{tail}"));
        }
        let modified = std::fs::metadata(&pending).and_then(|m| m.modified()).ok();
        if modified != last {
            (last, last_change) = (modified, Instant::now());
        } else if last_change.elapsed() > hang {
            let _ = process.kill();
            let _ = process.wait();
            break Some(format!("an input ran longer than {} s", hang.as_secs()));
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    if let Some(why) = failure {
        let kept = keep(&pending);
        let _ = std::fs::remove_file(&pending);
        panic!("fuzz (seed {seed}): {why}\nthe input is kept as {kept:?}: fix the crash; the file stays as a regression test");
    }
    let _ = std::fs::remove_file(&pending);
}

/// Every input the fuzzer ever crashed on (`tests/data/fuzz_regressions/`) runs without a
/// crash.
#[test]
fn fuzz_regressions() {
    let Ok(dir) = std::fs::read_dir(regressions()) else { return };
    let mut files: Vec<PathBuf> = dir.map(|e| e.unwrap().path()).collect();
    files.sort();
    let mut replayed = 0;
    for f in &files {
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        let Some(target) = Target::of_file(&name) else { continue };
        let file_name = match (&target, name.ends_with(".gz")) {
            (Target::Sql(_), _) => "model.sql",
            (Target::Catalog, gz) => {
                if gz {
                    "catalog.json.gz"
                } else {
                    "catalog.json"
                }
            }
            (Target::Manifest, gz) => {
                if gz {
                    "manifest.json.gz"
                } else {
                    "manifest.json"
                }
            }
        };
        eprintln!("replaying {name}");
        run(&target, file_name, std::fs::read(f).unwrap());
        replayed += 1;
    }
    eprintln!("{replayed} fuzz regressions replayed");
}
