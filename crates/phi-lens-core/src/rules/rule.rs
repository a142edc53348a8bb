//! A rule's definition ([`RuleDef`]: identity, documentation and check) and the
//! [`Emitter`] its check reports findings through.

use std::fmt;

use super::Context;
use crate::findings::{Family, Finding, RuleId, Severity, Target};
use crate::input::ArtifactKind;
use crate::model::Text;

/// A rule: identity, documentation and check.
pub struct RuleDef {
    /// Stable id, never reused (e.g. `PHI003`).
    pub id: RuleId,
    /// Kebab-case name of the pattern it flags (e.g. `undeclared-detected-phi`).
    pub name: &'static str,
    /// Family.
    pub family: Family,
    /// Default severity (the policy may override it).
    pub severity: Severity,
    /// What it applies to.
    pub targets: &'static [Target],
    /// The artifacts it reads besides the manifest: without them it is *not evaluated*
    /// (reported as such, never a pass).
    pub reads: &'static [ArtifactKind],
    /// One line: what it checks.
    pub summary: &'static str,
    /// Markdown with the sections `### What it checks`, `### Why it matters`, `### Example`, `### How to fix`.
    pub doc: &'static str,
    /// What clears its findings, and at which scope: how they group into root causes.
    pub remedy: Remedy,
    /// The check.
    pub check: fn(&Context<'_>, &mut Emitter<'_>),
}

/// What clears a rule's findings: one config a scope can set, an edit on each node, or
/// nothing shared (each finding is an event of its own). Read by [`crate::root_causes`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Remedy {
    /// One config that `dbt_project.yml` sets for a folder, a package or the project.
    Config(ConfigFix, Judges),
    /// Each node or column needs its own edit (the text says why no config at a scope can
    /// do it); findings still group where a whole scope lacks the convention.
    EachNode(&'static str, Judges),
    /// Each finding is its own item: a failed test, a stale load, an exposure's own fields, a
    /// grant to remove.
    Alone,
}

/// A config that clears a rule's findings when `dbt_project.yml` sets it on the nodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfigFix {
    /// `+meta: {phi: true}` on the nodes that hold PHI, `{phi: false}` on the others (the
    /// policy's first flag key).
    Sensitivity,
    /// `+meta: {phi: true}`.
    DeclarePhi,
    /// `+tags: [phi]` (the policy's first PHI tag).
    PhiTag,
    /// `+schema: phi` (the policy's first PHI schema without a wildcard).
    PhiSchema,
    /// A `+post-hook` that applies a row access policy, and `+meta: {row_access_policy: …}`.
    RowAccess,
    /// `+meta: {source_system: …}` (the policy's first source-system key).
    SourceSystem,
}

/// Which nodes a rule judges, so that a node it judges without a finding shows the
/// convention is kept in its scope (and the scope's findings are exceptions, not a root cause).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Judges {
    /// Every node of its targets.
    Targets,
    /// Nodes of its targets with a usable description (the rule skips the others).
    DescribedTargets,
    /// Nodes of its targets that hold PHI.
    PhiNodes,
    /// Nodes of its targets that declare their own sensitivity (PHI or not, de-identified, or
    /// placed in a PHI schema).
    DeclaringNodes,
    /// Nodes of its targets that declare the sensitivity of some column.
    DeclaringColumns,
    /// Only the nodes it flags: where its findings are, the convention is missing.
    FlaggedOnly,
}

impl fmt::Debug for RuleDef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RuleDef").field("id", &self.id).field("name", &self.name).finish()
    }
}

/// Collects one rule's findings, stamping them with the rule and its policy severity.
pub struct Emitter<'r> {
    pub(super) rule: &'r RuleDef,
    pub(super) severity: Severity,
    pub(super) out: Vec<Finding>,
}

impl Emitter<'_> {
    /// Reports a finding at the rule's severity.
    pub fn emit(&mut self, unique_id: &Text, column: Option<&Text>, message: String, fix: String) {
        let severity = self.severity;
        self.emit_at(severity, unique_id, column, message, fix);
    }

    /// Reports a finding at another severity (a rule escalates, e.g. a failed test on PHI).
    pub fn emit_at(
        &mut self,
        severity: Severity,
        unique_id: &Text,
        column: Option<&Text>,
        message: String,
        fix: String,
    ) {
        self.out.push(Finding {
            rule: self.rule.id,
            rule_name: self.rule.name,
            family: self.rule.family,
            severity,
            unique_id: unique_id.clone(),
            column: column.cloned(),
            message,
            fix,
            waiver: None,
        });
    }

    /// The rule's default severity after policy.
    pub fn severity(&self) -> Severity {
        self.severity
    }
}
