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
    /// The check.
    pub check: fn(&Context<'_>, &mut Emitter<'_>),
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
