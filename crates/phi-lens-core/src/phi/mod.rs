//! PHI classification: for every model, source, seed, snapshot and column, whether it holds
//! PHI, which Safe Harbor identifier, and why, in words an auditor can check.
//!
//! Three sources of knowledge, in order of authority:
//! 1. **declared**: tags, meta keys and PHI-schema placement, read through the [`Policy`];
//! 2. **detected**: the Safe Harbor detector ([`classify_column`]) over the column's name, type,
//!    description and the node's grain;
//! 3. **inherited**: lineage from a PHI node, stopped by nodes declared de-identified (with a
//!    method) or declared not PHI; the path is kept.
//!
//! ```
//! use phi_lens_core::phi::{phi_report, Status};
//! use phi_lens_core::Policy;
//! use phi_lens_core::{load_project, ArtifactKind, ArtifactSet, Input};
//!
//! let manifest = br#"{"metadata": {"dbt_schema_version": "https://schemas.getdbt.com/dbt/manifest/v12.json"},
//!   "nodes": {"model.clinic.patients": {"resource_type": "model", "name": "patients", "package_name": "clinic",
//!             "columns": {"ssn": {"name": "ssn"}, "zip3": {"name": "zip3", "meta": {"phi": false}}}}}}"#;
//! let mut set = ArtifactSet::default();
//! set.insert(ArtifactKind::Manifest, Input::new("manifest.json", manifest.to_vec()));
//! let loaded = load_project(&set).expect("a valid manifest");
//! let report = phi_report(&loaded.project, &Policy::default());
//! let node = &report.nodes[0];
//! assert_eq!(node.status, Status::Detected);
//! assert_eq!(node.columns[0].category.map(|c| c.letter()), Some("G"));
//! assert_eq!(node.columns[1].status, Status::None); // declared not PHI, evidence kept
//! ```

mod category;
mod classify;
mod column_flow;
mod context;
mod declared;
mod facts;
mod inherit;
mod tokens;

use serde::Serialize;

pub use crate::findings::Confidence;
pub use category::SafeHarbor;
pub use classify::{Detection, Paragraph, Verdict, PARAGRAPHS};
pub use column_flow::{path_text, CarriedIdentifier, ClearedIdentifier, ColumnLevel, ColumnStep, SmallCell};
pub use context::Grain;
pub use facts::{FoundBy, PhiFact};

use crate::columns::ColumnLineage;
use crate::model::{ColumnOrigin, Node, Project};
use crate::policy::Policy;
use context::{node_context, NodeContext};
pub(crate) use declared::NodeDeclaration;
// The rules read declarations directly (crate::rules).
#[allow(unused_imports)]
pub(crate) use declared::{column_declaration, declaration, node_declaration};
use inherit::{flow, topological_order, NodeGraph};

/// How a node or column came to be (or not be) PHI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Declared PHI by the project (tags, meta, PHI schema).
    Declared,
    /// Found by the detector, not declared.
    Detected,
    /// Reached through lineage from PHI.
    Inherited,
    /// Reached through node-level lineage only, while its known columns (documented or in
    /// the catalog) hold no identifier: possibly PHI, until column lineage or a declaration
    /// settles it. Not counted as PHI by the controls that need PHI.
    PossiblyInherited,
    /// Declared de-identified, with a method.
    Deidentified,
    /// Not PHI (or declared not PHI: see the evidence).
    None,
}

impl Status {
    /// `declared`, `detected`, `inherited`, `deidentified`, `none`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Declared => "declared",
            Status::Detected => "detected",
            Status::Inherited => "inherited",
            Status::PossiblyInherited => "possibly_inherited",
            Status::Deidentified => "deidentified",
            Status::None => "none",
        }
    }

    /// Whether it holds PHI.
    pub fn is_phi(self) -> bool {
        matches!(self, Status::Declared | Status::Detected | Status::Inherited)
    }
}

/// One column's PHI classification.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ColumnPhi {
    /// The column name.
    pub name: String,
    /// Documented or warehouse-only.
    pub origin: ColumnOrigin,
    /// The status.
    pub status: Status,
    /// The Safe Harbor identifier, when known.
    pub category: Option<SafeHarbor>,
    /// The detector's confidence, for detected (and declared-and-detected) columns.
    pub confidence: Option<Confidence>,
    /// What was read, in words.
    pub evidence: Vec<String>,
    /// The paragraph of `docs/safe-harbor.md` the detector's decision applies (`C1`, `R2`…),
    /// when it decided something about the column.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub safe_harbor_rule: Option<Paragraph>,
    /// The declared masking, if any.
    pub masking: Option<String>,
    /// For inherited columns: the node ids from the origin to this node.
    pub path: Vec<String>,
    /// The category the project declared (`meta.phi_category`), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub declared_category: Option<SafeHarbor>,
    /// A declared category value the policy does not recognise, as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unrecognised_category: Option<String>,
    /// Column lineage (models resolved at column level): the identifiers that reach the column
    /// through SQL, each with its path from the raw column.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub lineage: Vec<CarriedIdentifier>,
    /// Column lineage: identifiers a transform cleared on the way, with the paragraph that
    /// allows it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cleared: Vec<ClearedIdentifier>,
}

/// One node's PHI classification.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NodePhi {
    /// The node.
    pub unique_id: String,
    /// `model`, `seed`, `snapshot`, `source`.
    pub resource_type: String,
    /// Where it is materialised.
    pub database: Option<String>,
    /// Where it is materialised.
    pub schema: Option<String>,
    /// What its rows are about, from its name.
    pub grain: Grain,
    /// The status.
    pub status: Status,
    /// The identifiers its columns hold (declared, detected or inherited), in letter order.
    pub categories: Vec<SafeHarbor>,
    /// The highest detector confidence among its PHI columns.
    pub confidence: Option<Confidence>,
    /// What was read, in words.
    pub evidence: Vec<String>,
    /// The de-identification method, when declared.
    pub deidentification_method: Option<String>,
    /// For inherited nodes: the ids from the PHI origin to this node.
    pub path: Vec<String>,
    /// Its columns, in the node's order.
    pub columns: Vec<ColumnPhi>,
}

/// Whether PHI reaches an exposure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExposurePhi {
    /// The exposure.
    pub unique_id: String,
    /// Whether PHI reaches it.
    pub reached: bool,
    /// The ids from the PHI origin to the exposure (empty when not reached).
    pub path: Vec<String>,
    /// With column lineage: the columns of the nodes it reads that carry an identifier, each
    /// with its path from the raw column (empty without column lineage).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub columns: Vec<ExposureColumn>,
}

/// A column of a node an exposure reads that carries an identifier.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct ExposureColumn {
    /// The node the exposure reads.
    pub unique_id: String,
    /// Its column.
    pub column: String,
    /// The identifier (`None`: PHI declared without a category).
    pub category: Option<SafeHarbor>,
    /// From the raw column to this one, each step with its transform.
    pub path: Vec<ColumnStep>,
    /// Whether the node was resolved at column level (else this is its own declaration or
    /// detection, and node-level inheritance applies beside it).
    pub column_level: bool,
}

/// The PHI classification of a whole project, with the policy it was made under.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PhiReport {
    /// The policy's hash (`sha256:` + hex of its canonical JSON).
    pub policy_hash: String,
    /// The policy in force.
    pub policy: Policy,
    /// Whether the project looks like it holds patient data (some node is about patients,
    /// members or their records); where it does not, unknown grains are not searched.
    pub clinical: bool,
    /// Models, seeds, snapshots and sources, by unique_id.
    pub nodes: Vec<NodePhi>,
    /// Exposures, by unique_id.
    pub exposures: Vec<ExposurePhi>,
    /// Findings, sorted.
    #[serde(rename = "findings")]
    pub facts: Vec<PhiFact>,
    /// With column lineage: how many models were resolved at column level, and the others.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column_lineage: Option<ColumnLevel>,
}

/// One row of the inventory: a node (no column) or a column.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InventoryRow {
    /// The node.
    pub unique_id: String,
    /// The column, or `None` for the node's own row.
    pub column: Option<String>,
    /// The status.
    pub status: Status,
    /// The letter(s): one for a column, every letter of its columns for a node.
    pub category: String,
    /// The identifier's name (columns; nodes with one letter).
    pub category_name: String,
    /// `high`, `medium`, `low`, or empty.
    pub confidence: String,
    /// The evidence, `; `-separated.
    pub evidence: String,
}

/// The inventory as rows, with the policy hash: what `phi-lens phi --json` prints.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Inventory<'r> {
    /// The policy's hash.
    pub policy_hash: &'r str,
    /// The policy in force.
    pub policy: &'r Policy,
    /// One row per node and per column.
    pub rows: Vec<InventoryRow>,
    /// Exposures and whether PHI reaches them.
    pub exposures: &'r [ExposurePhi],
    /// Findings.
    #[serde(rename = "findings")]
    pub facts: &'r [PhiFact],
    /// What was noticed about the inputs while reading them, files named by their base name.
    pub warnings: Vec<crate::load::Warning>,
}

impl PhiReport {
    /// Keeps the nodes, exposures and facts whose unique_id `keep` accepts (a `--select`).
    pub fn retain(&mut self, keep: impl Fn(&str) -> bool) {
        self.nodes.retain(|n| keep(&n.unique_id));
        self.exposures.retain(|e| keep(&e.unique_id));
        self.facts.retain(|f| keep(f.unique_id()));
    }

    /// The inventory rows: each node, then its columns.
    pub fn rows(&self) -> Vec<InventoryRow> {
        let mut rows = Vec::new();
        for n in &self.nodes {
            let letters: Vec<&str> = n.categories.iter().map(|c| c.letter()).collect();
            let mut evidence = n.evidence.clone();
            if !n.path.is_empty() {
                evidence.push(format!("inherited through {}", n.path.join(" → ")));
            }
            rows.push(InventoryRow {
                unique_id: n.unique_id.clone(),
                column: None,
                status: n.status,
                category: letters.join(","),
                category_name: match n.categories.as_slice() {
                    [one] => one.name().to_string(),
                    _ => String::new(),
                },
                confidence: n.confidence.map(|c| c.as_str().to_string()).unwrap_or_default(),
                evidence: evidence.join("; "),
            });
            for c in &n.columns {
                let mut evidence = c.evidence.clone();
                if !c.path.is_empty() {
                    evidence.push(format!("inherited through {}", c.path.join(" → ")));
                }
                rows.push(InventoryRow {
                    unique_id: n.unique_id.clone(),
                    column: Some(c.name.clone()),
                    status: c.status,
                    category: c.category.map(|x| x.letter().to_string()).unwrap_or_default(),
                    category_name: c.category.map(|x| x.name().to_string()).unwrap_or_default(),
                    confidence: c.confidence.map(|x| x.as_str().to_string()).unwrap_or_default(),
                    evidence: evidence.join("; "),
                });
            }
        }
        rows
    }

    /// The inventory with the policy hash.
    pub fn inventory(&self) -> Inventory<'_> {
        self.inventory_warned(&[])
    }

    /// [`PhiReport::inventory`] with the load's warnings (what `phi-lens phi --json` prints).
    pub fn inventory_warned(&self, warnings: &[crate::load::Warning]) -> Inventory<'_> {
        Inventory {
            policy_hash: &self.policy_hash,
            policy: &self.policy,
            rows: self.rows(),
            exposures: &self.exposures,
            facts: &self.facts,
            warnings: crate::provenance::reported_warnings(warnings),
        }
    }
}

/// Classifies one column of a node of `project` (the detector only: no declarations, no
/// lineage). `clinical` as in [`PhiReport::clinical`].
pub fn classify_column(node: &Node, column: &crate::model::Column, clinical: bool) -> Verdict {
    let ctx = node_context(node, clinical);
    classify::classify_column(&ctx, column, clinical)
}

/// Whether a project holds patient data: some node is about patients, members or their
/// records by its name.
pub fn is_clinical(project: &Project) -> bool {
    let mut buf = String::new();
    project.nodes.iter().filter(|n| n.resource_type.holds_data()).any(|n| clinical_signal(n, &mut buf).1)
}

/// A data node's context as read in a project that is not clinical, and whether the node alone
/// makes the project clinical.
fn clinical_signal(n: &Node, buf: &mut String) -> (NodeContext, bool) {
    // Words common outside healthcare (`person`, `individual`, `member`, `claim`) do not make a
    // project clinical on their own.
    let (ctx, name_marked) = context::node_context_and(n, false, context::is_clinical_marker, buf);
    let named =
        (ctx.grain == Grain::Record && ctx.because != Some("claim")) || ctx.because.is_some_and(is_clinical_subject);
    let clinical = named
        || name_marked
        || n.source_name
            .as_deref()
            .is_some_and(|s| tokens::words(s, buf).iter().any(|w| context::is_clinical_marker(w)))
        || n.columns.iter().any(|c| may_hold_clinical_column_word(&c.name) && names_clinical_column(&c.name, buf));
    (ctx, clinical)
}

/// Whether a column name holds a clinical word: the word itself (`diagnosis_code`, `mrn`), or
/// a spelling of four letters or more that expands to one (`dgns_cd`, `admsn_dt`). Shorter
/// abbreviations (`pid`, `pt`, `dx`) mean other things outside healthcare — spellbook's `pid`
/// is a pool id — and do not make a project clinical on their own.
fn names_clinical_column(name: &str, buf: &mut String) -> bool {
    crate::names::split_identifier(name, buf);
    buf.split(' ').any(|raw| {
        is_clinical_column_word(raw)
            || (raw.len() >= 4
                && tokens::expansion(raw).is_some_and(|ws| ws.iter().any(|w| is_clinical_column_word(w))))
    })
}

/// Whether `name` can pass [`names_clinical_column`]: a cheap necessary condition read before
/// the name is split into words. An ASCII name's words are runs of its lower-cased bytes, so a
/// name holding a clinical word (`diagnosis`) or a long spelling that expands to one (`admsn`)
/// holds that word's first three bytes; a name holding none of those prefixes holds no such
/// word. Most names of a project
/// that is not about patients (41,074 in spellbook) hold none and are never split.
fn may_hold_clinical_column_word(name: &str) -> bool {
    /// The prefixes, as bits of two tables indexed by byte code (`a`–`z`, `0`–`9`, other).
    struct Prefixes {
        pairs: Vec<u64>,
        triples: Vec<u64>,
        /// A needle of one byte: every name may hold it.
        any: bool,
    }
    const CODES: usize = 37;
    fn code(b: u8) -> usize {
        match b.to_ascii_lowercase() {
            l @ b'a'..=b'z' => (l - b'a') as usize,
            d @ b'0'..=b'9' => 26 + (d - b'0') as usize,
            _ => 36,
        }
    }
    fn index(bytes: &[u8]) -> usize {
        bytes.iter().fold(0, |i, &b| i * CODES + code(b))
    }
    fn has(bits: &[u64], i: usize) -> bool {
        bits[i / 64] & (1 << (i % 64)) != 0
    }
    static PREFIXES: std::sync::OnceLock<Prefixes> = std::sync::OnceLock::new();
    let p = PREFIXES.get_or_init(|| {
        let mut p = Prefixes {
            pairs: vec![0; (CODES * CODES).div_ceil(64)],
            triples: vec![0; (CODES * CODES * CODES).div_ceil(64)],
            any: false,
        };
        let spellings = tokens::spellings_expanding_to(is_clinical_column_word).filter(|s| s.len() >= 4);
        for needle in CLINICAL_COLUMN_WORDS.iter().copied().chain(spellings).map(str::as_bytes) {
            let (bits, i) = match needle.len() {
                0 | 1 => {
                    p.any = true;
                    continue;
                }
                2 => (&mut p.pairs, index(needle)),
                _ => (&mut p.triples, index(&needle[..3])),
            };
            bits[i / 64] |= 1 << (i % 64);
        }
        p
    });
    if p.any || !name.is_ascii() {
        return true;
    }
    let b = name.as_bytes();
    b.windows(3).any(|w| has(&p.triples, index(w))) || b.windows(2).any(|w| has(&p.pairs, index(w)))
}

/// [`is_clinical`], on both sides of `join`; when the project is not clinical, also the
/// context of every data node (as `node_context(n, false)` gives it), which the classification
/// then need not read again.
fn clinical_contexts<J: crate::join::Join>(project: &Project, join: &J) -> (bool, Vec<Option<NodeContext>>) {
    use std::sync::atomic::{AtomicBool, Ordering};
    let found = AtomicBool::new(false);
    let contexts = crate::join::map_indices(join, project.nodes.len(), 64, |i| {
        let n = &project.nodes[i];
        // Once one node makes the project clinical, the others need not be read.
        if !n.resource_type.holds_data() || found.load(Ordering::Relaxed) {
            return None;
        }
        let (ctx, clinical) = clinical_signal(n, &mut String::new());
        if clinical {
            found.store(true, Ordering::Relaxed);
        }
        Some(ctx)
    });
    (found.into_inner(), contexts)
}

/// Words of a column name that only a project about patients has (`diagnosis_code`, `mrn`,
/// `admission_date`, `vaccine_dose`): one such column makes the project clinical.
fn is_clinical_column_word(w: &str) -> bool {
    CLINICAL_COLUMN_WORDS.contains(&w)
}

/// The words [`is_clinical_column_word`] accepts.
const CLINICAL_COLUMN_WORDS: &[&str] = &[
    "patient",
    "diagnosis",
    "icd",
    "snomed",
    "loinc",
    "mrn",
    "inpatient",
    "outpatient",
    "admission",
    "discharge",
    "triage",
    "disease",
    "syndrome",
    "symptom",
    "symptoms",
    "vaccine",
    "vaccination",
    "immunization",
    "medicare",
    "medicaid",
    "hospital",
    "clinical",
    "npi",
    "hcpcs",
    "cpt",
    "ndc",
    "drg",
];

fn is_clinical_subject(w: &str) -> bool {
    matches!(w, "patient" | "beneficiary" | "enrollee" | "mbi" | "hicn" | "rrb" | "mpi" | "decedent" | "policyholder")
}

/// Per-node working state.
struct Work {
    ctx: NodeContext,
    decl: NodeDeclaration,
    /// The node holds PHI by itself (declared, or a column detected/declared).
    origin: bool,
    /// PHI does not flow through it.
    blocks: bool,
    columns: Vec<ColumnPhi>,
}

/// Classifies every data node and column of `project` under `policy`.
pub fn phi_report(project: &Project, policy: &Policy) -> PhiReport {
    phi_report_with(project, policy, None, &crate::join::Sequential, || ()).0
}

/// [`phi_report`] with column lineage ([`crate::columns::column_lineage`]): PHI flows along
/// column edges in the models resolved at column level, node-level inheritance elsewhere.
pub fn phi_report_with_columns(project: &Project, policy: &Policy, columns: &ColumnLineage) -> PhiReport {
    phi_report_with(project, policy, Some(columns), &crate::join::Sequential, || ()).0
}

/// [`phi_report`], with the nodes shared between both sides of `join`; the same report, and
/// the declarations of every data node read on the way (by node index; `None` for the others).
/// `beside` runs on the other side of `join` while this side starts classifying columns.
pub(crate) fn phi_report_with<J: crate::join::Join, X: Send>(
    project: &Project,
    policy: &Policy,
    columns: Option<&ColumnLineage>,
    join: &J,
    beside: impl FnOnce() -> X + Send,
) -> (PhiReport, Vec<Option<NodeDeclaration>>, X) {
    let (classified, beside) = classify_with(project, policy, join, beside);
    let (report, declarations) = report_from(project, policy, classified, columns, join);
    (report, declarations, beside)
}

/// Every data node's columns classified on their own: the first half of [`phi_report`], the
/// part column lineage does not change. [`report_from`] does the rest.
pub(crate) struct Classified {
    clinical: bool,
    work: Vec<Work>,
    graph: NodeGraph,
}

/// [`Classified`], with `beside` run on the other side of `join`.
pub(crate) fn classify_with<J: crate::join::Join, X: Send>(
    project: &Project,
    policy: &Policy,
    join: &J,
    beside: impl FnOnce() -> X + Send,
) -> (Classified, X) {
    let classifier = Classifier::new(project, policy, join);
    let (work, (beside, graph)) = crate::join::map_indices_beside(
        join,
        project.nodes.len(),
        32,
        |i| classifier.node(i),
        || (beside(), NodeGraph::build(project)),
    );
    (Classified { clinical: classifier.clinical, work, graph }, beside)
}

/// [`classify_with`] a few nodes at a time, for a caller that runs each step in a task of
/// its own (the app): the same [`Classified`].
pub(crate) struct ClassifySteps<'p> {
    classifier: Classifier<'p>,
    work: Vec<Work>,
}

impl<'p> ClassifySteps<'p> {
    pub(crate) fn new(project: &'p Project, policy: &'p Policy) -> Self {
        let classifier = Classifier::new(project, policy, &crate::join::Sequential);
        ClassifySteps { work: Vec::with_capacity(project.nodes.len()), classifier }
    }

    /// Classifies up to `nodes` more nodes; false once every node is done.
    pub(crate) fn step(&mut self, nodes: usize) -> bool {
        let total = self.classifier.project.nodes.len();
        let end = total.min(self.work.len().saturating_add(nodes));
        for i in self.work.len()..end {
            let work = self.classifier.node(i);
            self.work.push(work);
        }
        self.work.len() < total
    }

    pub(crate) fn finish(mut self) -> Classified {
        while self.step(usize::MAX) {}
        let graph = NodeGraph::build(self.classifier.project);
        Classified { clinical: self.classifier.clinical, work: self.work, graph }
    }
}

/// What classifying one node's columns needs: whether the project is clinical, the node
/// contexts already known, whether people point to address tables.
struct Classifier<'p> {
    project: &'p Project,
    policy: &'p Policy,
    clinical: bool,
    contexts: Vec<std::sync::Mutex<Option<NodeContext>>>,
    addressed: bool,
}

impl<'p> Classifier<'p> {
    fn new<J: crate::join::Join>(project: &'p Project, policy: &'p Policy, join: &J) -> Self {
        let (clinical, contexts) = clinical_contexts(project, join);
        // Outside clinical projects every data node's context is already known.
        let contexts: Vec<std::sync::Mutex<Option<NodeContext>>> =
            if clinical { Vec::new() } else { contexts.into_iter().map(std::sync::Mutex::new).collect() };
        let addressed = clinical && context::people_point_to_addresses(project);
        Classifier { project, policy, clinical, contexts, addressed }
    }

    /// Node `i` classified: its context, declarations and columns.
    fn node(&self, i: usize) -> Work {
        let (project, policy, clinical) = (self.project, self.policy, self.clinical);
        let min = policy.detection.min_confidence;
        let node = &project.nodes[i];
        let data = node.resource_type.holds_data();
        let known = self.contexts.get(i).and_then(|c| c.lock().ok().and_then(|mut c| c.take()));
        let mut ctx = match known {
            Some(ctx) => ctx,
            None if data && self.addressed => context::addresses_of_people(node_context(node, clinical), node),
            None if data => node_context(node, clinical),
            // Unused: other nodes have no columns to classify.
            None => NodeContext::unknown(),
        };
        // A node named in Portuguese or Spanish reads its columns in those languages (only in
        // a project about patients).
        if data && clinical {
            ctx.romance = tokens::is_romance_name(&node.name);
        }
        let decl = if data { node_declaration(node, policy) } else { NodeDeclaration::default() };
        let classify_columns = |ctx: &NodeContext| {
            let mut columns = Vec::with_capacity(if data { node.columns.len() } else { 0 });
            if data {
                for column in &node.columns {
                    columns.push(column_phi(ctx, &decl, column, policy, clinical, min, false));
                }
            }
            columns
        };
        let (mut columns, romance) = tokens::noting_romance(|| classify_columns(&ctx));
        // A column named in Portuguese or Spanish (`DTNASC`, `id_municipio`) makes the node's
        // other columns read in those languages too (`data_notificacao`): they are read again,
        // which only such nodes pay for.
        if clinical && romance && !ctx.romance {
            ctx.romance = true;
            columns = classify_columns(&ctx);
        }
        if data {
            drop_aggregate_dates(&ctx, node, &mut columns);
        }
        let (origin, blocks) = origin_and_blocks(data, &decl, &columns);
        Work { ctx, decl, origin, blocks, columns }
    }
}

/// Whether a node holds PHI by itself (`origin`), and whether it stops inherited PHI.
fn origin_and_blocks(data: bool, decl: &NodeDeclaration, columns: &[ColumnPhi]) -> (bool, bool) {
    let declared_phi = decl.own.phi == Some(true) || decl.phi_schema.is_some();
    let declared_not_phi = decl.own.phi == Some(false) && decl.phi_schema.is_none();
    let deidentified = matches!(decl.deidentified, Some(Some(_)));
    let column_phi = columns.iter().any(|c| matches!(c.status, Status::Declared | Status::Detected));
    // A de-identified node stops inherited PHI only when none of its own columns still
    // holds an identifier: one that does (a birth date left in a "de-identified" mart) is
    // where that PHI comes from, and it reaches what reads the node.
    let origin = data && (column_phi || (declared_phi && !deidentified));
    let blocks = !data || (deidentified && !column_phi) || (declared_not_phi && !column_phi);
    (origin, blocks)
}

/// §X3 where compiled SQL resolved: a detected column that column lineage says the SQL fills
/// with a literal in every row (`null as ssn`) is read again as the constant it is, and its
/// node's part in the flow follows.
fn set_literals_aside(project: &Project, policy: &Policy, clinical: bool, lineage: &ColumnLineage, work: &mut [Work]) {
    let min = policy.detection.min_confidence;
    for m in lineage.models.iter().filter(|m| !m.literal_columns.is_empty()) {
        let Ok(i) = project.nodes.binary_search_by(|n| (*n.unique_id).cmp(&m.unique_id)) else { continue };
        let (Some(node), Some(w)) = (project.nodes.get(i), work.get_mut(i)) else { continue };
        let mut changed = false;
        for (column, phi) in node.columns.iter().zip(w.columns.iter_mut()) {
            let literal = m.literal_columns.iter().any(|c| c.eq_ignore_ascii_case(&column.name));
            if literal && phi.status == Status::Detected {
                *phi = column_phi(&w.ctx, &w.decl, column, policy, clinical, min, true);
                changed = true;
            }
        }
        if changed {
            (w.origin, w.blocks) = origin_and_blocks(node.resource_type.holds_data(), &w.decl, &w.columns);
        }
    }
}

/// The PHI report from the classified columns: PHI along column edges where `columns` resolved
/// a model, node-level inheritance elsewhere, and every node's and exposure's status; with the
/// declarations of every data node (by node index; `None` for the others).
pub(crate) fn report_from<J: crate::join::Join>(
    project: &Project,
    policy: &Policy,
    classified: Classified,
    columns: Option<&ColumnLineage>,
    join: &J,
) -> (PhiReport, Vec<Option<NodeDeclaration>>) {
    Flowing::new(project, policy, classified, columns).finish(join)
}

/// [`report_from`] with PHI flowed along the column edges a few nodes per step, for a caller
/// that runs each step in a task of its own (the app); [`Flowing::finish`] does the rest.
pub(crate) struct Flowing<'a> {
    project: &'a Project,
    policy: &'a Policy,
    classified: Classified,
    columns: Option<(&'a ColumnLineage, column_flow::FlowSteps<'a>)>,
}

/// What the column flow reads of each node's classification.
fn node_inputs(work: &[Work]) -> Vec<column_flow::NodeInput<'_>> {
    work.iter()
        .map(|w| column_flow::NodeInput {
            columns: &w.columns,
            ctx: &w.ctx,
            deidentified: matches!(w.decl.deidentified, Some(Some(_))),
            origin: w.origin,
            blocks: w.blocks,
        })
        .collect()
}

impl<'a> Flowing<'a> {
    pub(crate) fn new(
        project: &'a Project,
        policy: &'a Policy,
        classified: Classified,
        columns: Option<&'a ColumnLineage>,
    ) -> Self {
        let mut classified = classified;
        if let Some(lineage) = columns {
            set_literals_aside(project, policy, classified.clinical, lineage, &mut classified.work);
        }
        let columns = columns.map(|l| (l, column_flow::FlowSteps::new(project, l, &classified.graph)));
        Flowing { project, policy, classified, columns }
    }

    /// Flows PHI through up to `nodes` more nodes; false once every node is done (at once
    /// without column lineage).
    pub(crate) fn step(&mut self, nodes: usize) -> bool {
        let Some((_, steps)) = &mut self.columns else { return false };
        let c = &self.classified;
        let inputs = node_inputs(&c.work);
        steps.step(&inputs, &c.graph, self.policy, c.clinical, nodes)
    }

    /// The report (the flow's remaining steps first).
    pub(crate) fn finish<J: crate::join::Join>(mut self, join: &J) -> (PhiReport, Vec<Option<NodeDeclaration>>) {
        while self.step(usize::MAX) {}
        let Flowing { project, policy, classified, columns } = self;
        let Classified { clinical, mut work, graph } = classified;
        let mut origins: Vec<bool> = work.iter().map(|w| w.origin).collect();
        let mut blocks: Vec<bool> = work.iter().map(|w| w.blocks).collect();
        // Column lineage: PHI along column edges where a model's SQL resolved. A resolved model
        // that carries no identifier stops node-level inheritance; one that carries one passes it
        // on (and starts it, where its PHI came through an edge `depends_on` does not name).
        let column_flow = columns.map(|(lineage, steps)| (steps.out, lineage));
        if let Some((cf, _)) = &column_flow {
            for (i, model) in cf.models.iter().enumerate() {
                if model.is_none() {
                    continue;
                }
                let holds = cf.holds_phi[i];
                blocks[i] = !holds;
                let parent_holds = graph.parents[i].iter().any(|&p| cf.holds_phi[p as usize]);
                origins[i] = origins[i] || (holds && !parent_holds);
            }
            apply_column_flow(cf, &mut work);
        }
        let flowed = flow(&graph, &origins, &blocks, project.exposures.len());

        if policy.detection.inherit_columns_by_name {
            let resolved: Vec<bool> = match &column_flow {
                Some((cf, _)) => cf.models.iter().map(Option::is_some).collect(),
                None => Vec::new(),
            };
            inherit_columns(project, &graph, &flowed, &resolved, &mut work);
        }
        let cf = column_flow.as_ref().map(|(cf, _)| cf);

        // Each half of the nodes assembled on one side of `join`, then put together in order.
        let assemble = |offset: usize, part: Vec<Work>| {
            let mut findings = Vec::new();
            let mut nodes = Vec::with_capacity(part.len());
            let mut declarations = Vec::with_capacity(part.len());
            for (k, (node, w)) in project.nodes.get(offset..).unwrap_or_default().iter().zip(part).enumerate() {
                let i = offset + k;
                if !node.resource_type.holds_data() {
                    declarations.push(None);
                    continue;
                }
                let Work { ctx, decl, origin, columns, .. } = w;
                let declared_phi = decl.own.phi == Some(true)
                    || decl.phi_schema.is_some()
                    || columns.iter().any(|c| c.status == Status::Declared);
                let deid_method = decl.deidentified.clone().flatten();
                let inherited = flowed.reached.get(i).copied().unwrap_or(false);
                // Column level: the model's SQL resolved and PHI reaches one of its columns.
                let model_flow = cf.and_then(|cf| cf.models.get(i)).and_then(Option::as_ref);
                let carries = model_flow.is_some_and(|m| m.carries());
                let status = if deid_method.is_some() {
                    Status::Deidentified
                } else if declared_phi {
                    Status::Declared
                } else if origin {
                    Status::Detected
                } else if carries {
                    Status::Inherited
                } else if inherited && !columns.iter().any(|c| c.status.is_phi()) {
                    // Node-level lineage alone says PHI may flow here, and nothing known of the
                    // node's own columns (none, when it documents none and the catalog has none)
                    // holds an identifier: possibly PHI, until a declaration or column lineage
                    // settles it.
                    Status::PossiblyInherited
                } else if inherited {
                    Status::Inherited
                } else {
                    Status::None
                };
                let path = if matches!(status, Status::Inherited | Status::PossiblyInherited) {
                    flowed.path(project, i)
                } else {
                    Vec::new()
                };
                let mut categories: Vec<SafeHarbor> = columns
                    .iter()
                    .filter(|c| c.status.is_phi() || c.status == Status::Declared)
                    .filter_map(|c| c.category)
                    .collect();
                categories.sort();
                categories.dedup();
                let confidence = columns.iter().filter(|c| c.status.is_phi()).filter_map(|c| c.confidence).max();
                let mut evidence = decl.own.evidence.clone();
                if let Some(b) = ctx.because {
                    evidence.push(format!("grain: {} (name has `{b}`)", ctx.grain.phrase()));
                }
                let uid = node.unique_id.to_string();
                let unlisted = model_flow.map(|m| unlisted_carriers(m, &columns)).unwrap_or_default();
                node_findings(node, &decl, status, &columns, &unlisted, &path, policy, &mut findings);
                nodes.push(NodePhi {
                    unique_id: uid,
                    resource_type: node.resource_type.as_str().to_string(),
                    database: node.database.as_deref().map(str::to_string),
                    schema: node.schema.as_deref().map(str::to_string),
                    grain: ctx.grain,
                    status,
                    categories,
                    confidence,
                    evidence,
                    deidentification_method: deid_method,
                    path,
                    columns,
                });
                declarations.push(Some(decl));
            }
            (nodes, findings, declarations)
        };
        let half = work.len() / 2;
        let second = work.split_off(half);
        let assemble = &assemble;
        let ((mut nodes, mut findings, mut declarations), (more_nodes, more_findings, more_declarations)) =
            join.join(move || assemble(0, work), move || assemble(half, second));
        nodes.extend(more_nodes);
        findings.extend(more_findings);
        declarations.extend(more_declarations);

        let mut exposures = Vec::with_capacity(project.exposures.len());
        for (e, exposure) in project.exposures.iter().enumerate() {
            let last = flowed.exposure_from.get(e).copied().flatten();
            let path = match last {
                Some(u) => {
                    let mut p = flowed.path(project, u as usize);
                    p.push(exposure.unique_id.clone());
                    p
                }
                None => Vec::new(),
            };
            if !path.is_empty() {
                findings
                    .push(PhiFact::PhiReachesExposure { unique_id: exposure.unique_id.clone(), path: path.clone() });
            }
            let columns = match cf {
                Some(cf) => exposure_columns(project, exposure, cf, &nodes),
                None => Vec::new(),
            };
            exposures.push(ExposurePhi {
                unique_id: exposure.unique_id.clone(),
                reached: !path.is_empty(),
                path,
                columns,
            });
        }
        findings.sort();
        let policy = policy.clone().normalised();
        let column_lineage = column_flow.as_ref().map(|(cf, lineage)| ColumnLevel::new(project, lineage, cf));
        (
            PhiReport {
                policy_hash: policy.hash(),
                policy,
                clinical,
                nodes,
                exposures,
                facts: findings,
                column_lineage,
            },
            declarations,
        )
    }
}

/// A node with measures (counts, rates, totals) and no key of an individual is an aggregate
/// whatever its name says: its dates and places found from the node's grain alone are calendar
/// buckets and reporting geography, not an individual's.
fn drop_aggregate_dates(ctx: &NodeContext, node: &Node, columns: &mut [ColumnPhi]) {
    if !ctx.grain.is_individual() || columns.len() < 2 {
        return;
    }
    // A key of an individual, or of one individual's record (§R2, even when the policy does
    // not count record keys as identifiers), says the rows are not aggregates.
    let keyed = columns.iter().any(|c| {
        (matches!(c.status, Status::Detected | Status::Declared)
            && !matches!(c.category, Some(SafeHarbor::B | SafeHarbor::C) | None))
            || c.safe_harbor_rule == Some("R2")
    });
    let mut buf = String::new();
    let measure = node.columns.iter().find(|c| {
        tokens::words(&c.name, &mut buf)
            .iter()
            .any(|w| matches!(*w, "count" | "rate" | "ratio" | "pct" | "percent" | "avg" | "sum" | "total" | "median"))
    });
    let (false, Some(measure)) = (keyed, measure) else { return };
    for c in columns.iter_mut().filter(|c| c.status == Status::Detected && c.confidence < Some(Confidence::High)) {
        c.status = Status::None;
        c.category = None;
        c.confidence = None;
        c.safe_harbor_rule = Some("X5");
        c.evidence.push(format!(
            "not PHI: the node has measures (`{}`) and no key of an individual, so it is an aggregate \
             (docs/safe-harbor.md §X5)",
            measure.name
        ));
    }
}

/// A column's classification from its declaration and the detector.
fn column_phi(
    ctx: &NodeContext,
    node_decl: &NodeDeclaration,
    column: &crate::model::Column,
    policy: &Policy,
    clinical: bool,
    min: Confidence,
    literal: bool,
) -> ColumnPhi {
    let decl = column_declaration(column, policy);
    let ignored = crate::policy::first_match(&policy.detection.ignore_columns, &column.name).is_some();
    let verdict = if policy.detection.enabled && !ignored {
        classify::classify_column(ctx, column, clinical)
    } else {
        Verdict::default()
    };
    let mut verdict = verdict;
    // A record or event key is the person's identifier only when the policy says so (§R2).
    if verdict.detection.as_ref().is_some_and(|d| d.paragraph == "R2") && !policy.detection.record_keys_identify_person
    {
        verdict = Verdict {
            detection: None,
            not_phi: Some(
                "a key of a record or event, not of the person (counted only with `record_keys_identify_person = true`)"
                    .to_string(),
            ),
            not_phi_paragraph: Some("R2"),
        };
    }
    // A column the compiled SQL fills with a literal in every row (`null as ssn`) holds no
    // one's value, whatever its name says (§X3).
    if literal {
        if let Some(d) = &verdict.detection {
            verdict = Verdict {
                detection: None,
                not_phi: Some(format!(
                    "the compiled SQL fills it with a literal in every row (column lineage), though its name reads as {} ({})",
                    d.category.letter(),
                    d.category.name()
                )),
                not_phi_paragraph: Some("X3"),
            };
        }
    }
    let detection = verdict.detection.filter(|d| d.confidence >= min);
    let rule = detection.as_ref().map(|d| d.paragraph).or(verdict.not_phi_paragraph);
    let cite = |rule: Option<Paragraph>| rule.map(|r| format!(" (docs/safe-harbor.md §{r})")).unwrap_or_default();
    let mut evidence = decl.evidence.clone();
    let (status, category, confidence) = match (decl.phi, &detection) {
        (Some(false), d) => {
            if let Some(d) = d {
                evidence.push(format!(
                    "the detector alone would say {} ({}, {}): the declaration wins",
                    d.category.letter(),
                    d.category.name(),
                    d.confidence.as_str()
                ));
            }
            (Status::None, None, None)
        }
        (Some(true), d) => {
            if let Some(d) = d {
                evidence.push(format!("detector agrees: {} ({})", d.category.letter(), d.confidence.as_str()));
            }
            (Status::Declared, decl.category.or(d.as_ref().map(|d| d.category)), d.as_ref().map(|d| d.confidence))
        }
        (None, Some(d)) => {
            evidence.extend(d.evidence.iter().cloned());
            if let Some(last) = evidence.last_mut() {
                last.push_str(&cite(Some(d.paragraph)));
            }
            (Status::Detected, Some(d.category), Some(d.confidence))
        }
        (None, None) => {
            if let Some(why) = verdict.not_phi {
                evidence.push(format!("not PHI: {why}{}", cite(verdict.not_phi_paragraph)));
            }
            let status =
                if matches!(node_decl.deidentified, Some(Some(_))) { Status::Deidentified } else { Status::None };
            (status, None, None)
        }
    };
    // A declared column keeps its declared category even when the detector disagrees.
    let category = if status == Status::Declared { decl.category.or(category) } else { category };
    ColumnPhi {
        name: column.name.to_string(),
        origin: column.origin,
        status,
        category,
        confidence,
        evidence,
        safe_harbor_rule: if decl.phi.is_some() { None } else { rule },
        masking: decl.masking,
        path: Vec::new(),
        declared_category: decl.category,
        unrecognised_category: decl.unknown_category,
        lineage: Vec::new(),
        cleared: Vec::new(),
    }
}

/// The column-level answer written into the resolved models' columns: a column with no
/// identifier of its own that one reaches through SQL inherits it, with its path; every column
/// keeps what column lineage says in its evidence.
fn apply_column_flow(cf: &column_flow::ColumnFlow, work: &mut [Work]) {
    for (i, model) in cf.models.iter().enumerate() {
        let Some(model) = model else { continue };
        let Some(w) = work.get_mut(i) else { continue };
        for c in &mut w.columns {
            let Some(flow) = model.columns.get(&c.name.to_ascii_lowercase()) else { continue };
            c.lineage.clone_from(&flow.carried);
            c.cleared.clone_from(&flow.cleared);
            if matches!(c.status, Status::None | Status::Deidentified) && !flow.declared_not_phi {
                if let Some(first) = flow.carried.first() {
                    c.status = Status::Inherited;
                    c.category = first.category;
                    c.path = node_ids(&first.path);
                }
            }
            c.evidence.extend(column_flow::evidence(flow, c.status));
        }
    }
}

/// The distinct node ids of a column path, in order.
fn node_ids(path: &[ColumnStep]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for s in path {
        if out.last() != Some(&s.unique_id) {
            out.push(s.unique_id.clone());
        }
    }
    out
}

/// Output columns of a resolved model that carry an identifier but are neither documented nor
/// in the catalog (no [`ColumnPhi`] of their own).
fn unlisted_carriers(model: &column_flow::ModelFlow, columns: &[ColumnPhi]) -> Vec<(String, CarriedIdentifier)> {
    model
        .columns
        .values()
        .filter(|c| !columns.iter().any(|k| k.name.eq_ignore_ascii_case(&c.name)))
        .filter_map(|c| c.carried.first().map(|id| (c.name.clone(), id.clone())))
        .collect()
}

/// The columns of the nodes an exposure reads that carry an identifier: through column lineage
/// where the node resolved, else the node's own PHI columns.
fn exposure_columns(
    project: &Project,
    exposure: &crate::model::Exposure,
    cf: &column_flow::ColumnFlow,
    nodes: &[NodePhi],
) -> Vec<ExposureColumn> {
    let mut out = Vec::new();
    for dep in &exposure.depends_on {
        let Ok(i) = project.nodes.binary_search_by(|n| (*n.unique_id).cmp(dep)) else { continue };
        let uid = project.nodes[i].unique_id.to_string();
        match cf.models.get(i).and_then(Option::as_ref) {
            Some(model) => {
                for c in model.columns.values() {
                    for id in c.onward() {
                        out.push(ExposureColumn {
                            unique_id: uid.clone(),
                            column: c.name.clone(),
                            category: id.category,
                            path: id.path,
                            column_level: true,
                        });
                    }
                }
            }
            None => {
                let Ok(n) = nodes.binary_search_by(|n| n.unique_id.as_str().cmp(dep)) else { continue };
                for c in nodes[n].columns.iter().filter(|c| c.status.is_phi()) {
                    out.push(ExposureColumn {
                        unique_id: uid.clone(),
                        column: c.name.clone(),
                        category: c.category,
                        path: vec![ColumnStep { unique_id: uid.clone(), column: c.name.clone(), transform: None }],
                        column_level: false,
                    });
                }
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Columns with no status of their own inherit from a parent's PHI column of the same name
/// (not in models resolved at column level: `resolved`, by node index, where column lineage
/// has answered).
fn inherit_columns(project: &Project, graph: &NodeGraph, flowed: &inherit::Flow, resolved: &[bool], work: &mut [Work]) {
    for u in topological_order(graph) {
        let u = u as usize;
        if resolved.get(u).copied().unwrap_or(false) {
            continue;
        }
        if work[u].blocks || !(work[u].origin || flowed.reached.get(u).copied().unwrap_or(false)) {
            continue;
        }
        let parents = &graph.parents[u];
        if parents.is_empty() {
            continue;
        }
        for c in 0..work[u].columns.len() {
            if work[u].columns[c].status != Status::None || !work[u].columns[c].evidence.is_empty() {
                continue;
            }
            let mut found: Option<(Option<SafeHarbor>, Vec<String>)> = None;
            for &p in parents {
                let p = p as usize;
                if work[p].blocks {
                    continue;
                }
                let name = &work[u].columns[c].name;
                if let Some(pc) =
                    work[p].columns.iter().find(|pc| pc.status.is_phi() && pc.name.eq_ignore_ascii_case(name))
                {
                    let mut path =
                        if pc.path.is_empty() { vec![project.nodes[p].unique_id.to_string()] } else { pc.path.clone() };
                    path.push(project.nodes[u].unique_id.to_string());
                    found = Some((pc.category, path));
                    break;
                }
            }
            if let Some((category, path)) = found {
                let col = &mut work[u].columns[c];
                col.status = Status::Inherited;
                col.category = category;
                col.evidence.push("a column of the same name is PHI upstream".to_string());
                col.path = path;
            }
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn node_findings(
    node: &Node,
    decl: &NodeDeclaration,
    status: Status,
    columns: &[ColumnPhi],
    unlisted: &[(String, CarriedIdentifier)],
    path: &[String],
    policy: &Policy,
    out: &mut Vec<PhiFact>,
) {
    let uid = || node.unique_id.to_string();
    let declared_node = decl.own.phi == Some(true) || decl.phi_schema.is_some();
    for c in columns {
        match c.status {
            Status::Detected => out.push(PhiFact::UndeclaredPhi {
                unique_id: uid(),
                column: Some(c.name.clone()),
                category: c.category,
                found_by: FoundBy::Detected,
                path: Vec::new(),
            }),
            Status::Inherited => out.push(PhiFact::UndeclaredPhi {
                unique_id: uid(),
                column: Some(c.name.clone()),
                category: c.category,
                found_by: FoundBy::Inherited,
                path: c.path.clone(),
            }),
            Status::Declared if c.declared_category.is_none() => out.push(PhiFact::DeclaredWithoutCategory {
                unique_id: uid(),
                column: c.name.clone(),
                unrecognised: c.unrecognised_category.clone(),
            }),
            _ => {}
        }
    }
    if !declared_node && matches!(status, Status::Detected | Status::Inherited | Status::PossiblyInherited) {
        out.push(PhiFact::UndeclaredPhi {
            unique_id: uid(),
            column: None,
            category: None,
            found_by: match status {
                Status::Detected => FoundBy::Detected,
                Status::Inherited => FoundBy::Inherited,
                _ => FoundBy::PossiblyInherited,
            },
            path: path.to_vec(),
        });
    }
    let applies = policy.schemas.phi_schema_applies_to.iter().any(|t| t == node.resource_type.as_str());
    if status.is_phi() && applies && !policy.schemas.phi.is_empty() && decl.phi_schema.is_none() {
        out.push(PhiFact::PhiOutsidePhiSchema { unique_id: uid(), schema: node.schema.as_deref().map(str::to_string) });
    }
    if status.is_phi() {
        if let Some((location, pattern)) = &decl.dev_location {
            // Masking one column does not protect the others: every PHI column must be masked.
            let phi_columns = columns.iter().filter(|c| c.status.is_phi());
            let unmasked: Vec<String> =
                phi_columns.clone().filter(|c| c.masking.is_none()).map(|c| c.name.clone()).collect();
            let no_phi_column = phi_columns.count() == 0;
            if !unmasked.is_empty() || no_phi_column && !columns.iter().any(|c| c.masking.is_some()) {
                out.push(PhiFact::PhiInDevSchema {
                    unique_id: uid(),
                    location: location.clone(),
                    pattern: pattern.clone(),
                    unmasked,
                });
            }
        }
    }
    if decl.deidentified.is_some() {
        // Declared or detected here, or reaching the column through its SQL (column lineage,
        // whatever the column declares): the path shows where from.
        for c in columns {
            let own = matches!(c.status, Status::Detected | Status::Declared);
            if !own && c.lineage.is_empty() {
                continue;
            }
            let category = if own { c.category } else { c.lineage.first().and_then(|l| l.category) };
            let through = c.lineage.iter().find(|l| l.category == category).or(c.lineage.first());
            out.push(PhiFact::DeidentifiedCarriesIdentifier {
                unique_id: uid(),
                column: c.name.clone(),
                category,
                path: through.map(|l| l.path.clone()).unwrap_or_default(),
            });
        }
        for (column, id) in unlisted {
            out.push(PhiFact::DeidentifiedCarriesIdentifier {
                unique_id: uid(),
                column: column.clone(),
                category: id.category,
                path: id.path.clone(),
            });
        }
    }
    if matches!(decl.deidentified, Some(None)) {
        out.push(PhiFact::DeidentifiedWithoutMethod { unique_id: uid() });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether `name` holds a clinical column word, read the slow way.
    fn holds_clinical_word(name: &str) -> bool {
        names_clinical_column(name, &mut String::new())
    }

    #[test]
    fn the_prefix_filter_never_drops_a_clinical_column_name() {
        // Every word and every spelling that expands to one, in the cases and joins warehouses
        // use: wherever the slow reading finds a clinical word, the filter lets the name through.
        let needles =
            CLINICAL_COLUMN_WORDS.iter().copied().chain(tokens::spellings_expanding_to(is_clinical_column_word));
        let mut checked = 0;
        for w in needles {
            let upper = w.to_ascii_uppercase();
            let mut camel = w.to_string();
            camel[..1].make_ascii_uppercase();
            for name in [
                w.to_string(),
                format!("primary_{w}_code"),
                format!("{upper}_CD"),
                format!("src{camel}Id"),
                format!("{w}2"),
                format!("X{upper}"),
            ] {
                if holds_clinical_word(&name) {
                    checked += 1;
                    assert!(may_hold_clinical_column_word(&name), "{name}");
                }
            }
        }
        assert!(checked > 100, "{checked}");
        // Short abbreviations do not make a project clinical: spellbook's `pid` is a pool id.
        for name in ["pid", "pt_amount", "dx_ratio"] {
            assert!(!holds_clinical_word(name), "{name}");
        }
        assert!(holds_clinical_word("DGNS_CD") && holds_clinical_word("patient_key"));
        // Names of a project about something else are never split.
        for name in ["block_time", "amount_usd", "tx_hash", "evt_block_number", "token_sold_amount"] {
            assert!(!holds_clinical_word(name), "{name}");
            assert!(!may_hold_clinical_column_word(name), "{name}");
        }
    }
}
